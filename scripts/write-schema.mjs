// Writes the scenario JSON Schema (for editors) to schema/scenario.schema.json from the built package.
// `node scripts/write-schema.mjs --check` fails if the committed file is out of date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../dist/index.js';

const path = new URL('../schema/scenario.schema.json', import.meta.url);
const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('schema/scenario.schema.json is out of date: run node scripts/write-schema.mjs');
    process.exit(1);
  }
  console.log('schema/scenario.schema.json is up to date');
} else {
  mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote schema/scenario.schema.json (${text.length} bytes)`);
}
