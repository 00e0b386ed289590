/**
 * Reading scenario files: JSON or YAML, validated before anything runs.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ScenarioError } from '../errors.js';
import type { Scenario } from '../model/scenario.js';
import { validateScenario } from '../model/validate.js';

/**
 * Parses scenario text (JSON or YAML, chosen by `format`) and validates it. Syntax errors and every
 * validation problem are reported as one {@link ScenarioError} naming the file, the line or field,
 * and the fix.
 *
 * @param text - file contents
 * @param source - name used in messages, e.g. the file path
 * @param format - `'json'` or `'yaml'`
 * @throws {@link ScenarioError} on a syntax error or any invalid field.
 */
export function parseScenario(text: string, source: string, format: 'json' | 'yaml'): Scenario {
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new ScenarioError(
        [
          {
            path: '(file)',
            message: `is not valid JSON: ${(e as Error).message}.`,
            fix: 'Fix the syntax (a linter or `dibsim validate` shows where).',
          },
        ],
        source,
      );
    }
  } else {
    // YAML's merge keys and custom tags are off: scenario files are plain data.
    const doc = parseDocument(text, { merge: false, uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length > 0) {
      throw new ScenarioError(
        doc.errors.map((e) => ({
          path: e.linePos?.[0] ? `(line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '(file)',
          message: `is not valid YAML: ${e.message.split('\n')[0]}.`,
          fix: 'Fix the syntax at that line.',
        })),
        source,
      );
    }
    data = doc.toJS({ maxAliasCount: 0 });
  }
  return validateScenario(data, source);
}

/**
 * Reads and validates a scenario file: `.json`, `.yaml` or `.yml`.
 *
 * @param path - file path
 * @throws {@link ScenarioError} if the file cannot be read, has a syntax error or any invalid field.
 * @example
 * const scenario = await readScenarioFile('scenarios/my-case.yaml');
 */
export async function readScenarioFile(path: string): Promise<Scenario> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw new ScenarioError(
      [{ path: '(file)', message: `has extension "${ext}".`, fix: 'Use a .json, .yaml or .yml file.' }],
      path,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(
      [
        {
          path: '(file)',
          message: `cannot be read: ${(e as Error).message}.`,
          fix: 'Check the path and permissions.',
        },
      ],
      path,
    );
  }
  return parseScenario(text, path, ext === '.json' ? 'json' : 'yaml');
}
