// Copies each snippet file into the guides, so the code shown is the code that is type-checked and run.
// In a guide, `<!-- snippet: snippets/x.ts -->` is followed by a fenced block holding that file;
// `<!-- output: snippets/x.ts -->` by a ```text block holding what it prints.
//   node docs/guides/snippets/sync.mjs            rewrite the code blocks
//   node docs/guides/snippets/sync.mjs --outputs  also rerun the snippets (tsx) and rewrite their outputs
//   node docs/guides/snippets/sync.mjs --check    exit 1 if a code block differs from its file
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const guides = new URL('..', import.meta.url).pathname;
const root = join(guides, '..', '..');
const check = process.argv.includes('--check');
const outputs = process.argv.includes('--outputs');
const MARKER = /<!-- (snippet|output): (\S+) -->\n```([a-z]*)\n(?:[\s\S]*?\n)??```(?=\n|$)/g;

let stale = 0;
for (const name of readdirSync(guides).filter((f) => f.endsWith('.md'))) {
  const path = join(guides, name);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(MARKER, (block, kind, file, lang) => {
    if (kind === 'output' && !outputs) return block;
    const body =
      kind === 'snippet'
        ? readFileSync(join(guides, file), 'utf8').trimEnd()
        : execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(guides, file)], {
            cwd: root,
            encoding: 'utf8',
          }).trimEnd();
    return `<!-- ${kind}: ${file} -->\n\`\`\`${lang}\n${body}\n\`\`\``;
  });
  if (next === text) continue;
  stale++;
  if (check) console.log(`${name}: a code block differs from its snippet file`);
  else {
    writeFileSync(path, next);
    console.log(`updated ${name}`);
  }
}
if (check && stale > 0) {
  console.log('Run: node docs/guides/snippets/sync.mjs');
  process.exit(1);
}
