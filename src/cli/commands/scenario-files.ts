/**
 * `dibsim validate <file>`, `dibsim schema` and `dibsim init [file]`: check a scenario file, print the JSON
 * Schema for editors, and write a commented starter scenario.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { Command } from 'commander';
import { makeFolders } from '../../io/folders.js';
import { readScenarioFile } from '../../io/scenario-file.js';
import type { Scenario } from '../../model/scenario.js';
import { scenarioJsonSchema } from '../../model/scenario-json-schema.js';
import { shellQuote } from '../command-line.js';
import { UsageError } from '../errors.js';
import { starterScenario } from '../starter-scenario.js';

/** `dibsim validate`. */
export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check a scenario file: "ok" and a summary, or every problem with its field and fix (exit 2).',
    )
    .argument('<file>', 'a .yaml, .yml or .json scenario file')
    .option('--debug', 'print stack traces of errors')
    .addHelpText(
      'after',
      `
Examples:
  dibsim validate my.yaml
  dibsim init my.yaml && dibsim validate my.yaml`,
    )
    .action(async (file: string) => {
      const scenario = await readScenarioFile(file);
      process.stdout.write(`ok: ${file}\n${summary(scenario)}\n`);
    });
}

/** One paragraph describing a scenario's size. */
export function summary(s: Scenario): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return [
    `scenario "${s.name}": ${s.startDate} to ${s.endDate}`,
    `${count(s.nations.length, 'nation')} (${s.nations.map((n) => n.id).join(', ')}), ${count(s.firms.length, 'firm')}, ${count(s.suppliers.length, 'supplier')}, ${count(s.recipients.length, 'recipient')}, ${count(s.pledges.length, 'pledge')}, ${count(s.shocks.length, 'shock')}`,
  ].join('\n');
}

/** `dibsim schema`. */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print the JSON Schema of scenario files (for editors: completion and checks as you type).')
    .addHelpText(
      'after',
      `
Examples:
  dibsim schema > scenario.schema.json
  then start a YAML scenario with: # yaml-language-server: $schema=./scenario.schema.json`,
    )
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}

/** `dibsim init`. */
export function initCommand(): Command {
  return new Command('init')
    .description('Write a commented starter scenario (YAML) that validates and runs; edit it from there.')
    .argument('[file]', 'where to write it (missing folders are created)', 'scenario.yaml')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText(
      'after',
      `
Examples:
  dibsim init                      writes scenario.yaml
  dibsim init cases/base.yaml
  dibsim init && dibsim compare scenario.yaml --replications 50`,
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const ext = extname(file).toLowerCase();
      if (ext !== '.yaml' && ext !== '.yml') {
        throw new UsageError(`init writes YAML: name the file with .yaml or .yml (got "${file}").`);
      }
      if (existsSync(file) && options.force !== true) {
        throw new UsageError(`${file} exists. Choose another name, or add --force to overwrite it.`);
      }
      // `dibsim init cases/base.yaml` starts a new folder of cases.
      await makeFolders(dirname(file));
      await writeFile(file, starterScenario(file), 'utf8');
      process.stdout.write(
        `Wrote ${file}. Check it with: dibsim validate ${shellQuote(file)}\nThen compare strategies on it: dibsim compare ${shellQuote(file)} --replications 50\n`,
      );
    });
}
