/**
 * Reading scenario files: JSON or YAML, validated before anything runs.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Document, isScalar, parseDocument, visit, type YAMLError } from 'yaml';
import { DibsimError, describeValue, ScenarioError, type ScenarioIssue } from '../errors.js';
import type { Scenario } from '../model/scenario.js';
import { SCHEMA_REFERENCE } from '../model/scenario-schema.js';
import { validateScenario } from '../model/validate.js';

/**
 * Parses scenario text (JSON or YAML, chosen by `format`) and validates it. Syntax errors and every
 * validation problem are reported as one {@link ScenarioError} naming the file, the line or field,
 * and the fix.
 *
 * @param text - file contents
 * @param source - name used in messages, e.g. the file path
 * @param format - `'json'` or `'yaml'`
 * @throws {@link ScenarioError} on a syntax error or any invalid field;
 *   {@link DibsimError} `INVALID_ARGUMENT` if `text` is not a string or `format` is neither.
 */
export function parseScenario(text: string, source: string, format: 'json' | 'yaml'): Scenario {
  if (typeof text !== 'string')
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `parseScenario: text must be the file's contents as a string (got ${describeValue(text)}). Read it with readFileSync(path, 'utf8'), or use readScenarioFile(path).`,
    );
  if (format !== 'json' && format !== 'yaml')
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `parseScenario: format must be 'json' or 'yaml' (got ${describeValue(format)}). Convert the file to one of them.`,
    );
  // Editors on Windows may start a file with a byte-order mark; JSON.parse would reject it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const notAScenario = (message: string) =>
    new ScenarioError(
      [
        {
          path: '(file)',
          message,
          fix: `Write a scenario there: \`dibsim init <file>\` writes a starter one, and ${SCHEMA_REFERENCE} gives the shape.`,
        },
      ],
      source,
    );
  if (body.trim() === '') throw notAScenario('is empty.');
  const data = format === 'json' ? parseJson(body, source) : parseYaml(body, source);
  // A YAML document of comments (or `---` alone) is as empty as a blank file.
  if (data === EMPTY_DOCUMENT) throw notAScenario('is empty.');
  // Here, not in validateScenario, whose hint for a string is meant for code passing a name or a path.
  if (typeof data === 'string')
    throw notAScenario(`holds one text value (${describeValue(data)}), not a scenario.`);
  if (data === null) throw notAScenario('holds only null, not a scenario.');
  return validateScenario(data, source);
}

function parseJson(text: string, source: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    throw new ScenarioError(
      [
        {
          path: at === null ? '(file)' : lineAndColumn(text, Number(at[1])),
          message: `is not valid JSON: ${message}.`,
          fix: at === null ? 'Fix the syntax (a JSON linter shows where).' : 'Fix the syntax there.',
        },
      ],
      source,
    );
  }
  // JSON.parse silently keeps the last of two equal keys, so the first value would be lost without a word.
  // YAML reads JSON as it is, and finds them.
  const duplicates = parseDocument(text, { uniqueKeys: true, schema: 'json' }).errors.filter(
    (e) => e.code === 'DUPLICATE_KEY',
  );
  if (duplicates.length > 0) {
    throw new ScenarioError(
      duplicates.map((e) => duplicateKey(text, e)),
      source,
    );
  }
  return data;
}

/** What {@link parseYaml} returns for a document without a value, told apart from an explicit `null`. */
const EMPTY_DOCUMENT = Symbol('empty document');

function parseYaml(text: string, source: string): unknown {
  // YAML's merge keys and custom tags are off: scenario files are plain data.
  const doc = parseDocument(text, { merge: false, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) =>
        e.code === 'DUPLICATE_KEY'
          ? duplicateKey(text, e)
          : {
              path: lineAndColumn(text, e.pos[0]),
              message: `is not valid YAML: ${e.message.split('\n')[0]}.`,
              fix: 'Fix the syntax at that line.',
            },
      ),
      source,
    );
  }
  const plainData = notPlainData(doc, text);
  if (plainData.length > 0) throw new ScenarioError(plainData, source);
  // No node (comments only), or the empty scalar YAML reads after a bare `---`; not `~` or `null`.
  const value = doc.contents;
  if (value === null || (isScalar(value) && value.value === null && value.source === ''))
    return EMPTY_DOCUMENT;
  return doc.toJS({ maxAliasCount: 0 });
}

/**
 * Aliases and tags, which scenario files do not read: an alias would otherwise stop `toJS` with an error
 * that names neither the file nor the line, and an unknown tag (`!money 3200`, or `!!float 3200`, which
 * the core schema cannot resolve) would turn its number into text that validation then reports as a string.
 */
function notPlainData(doc: Document, text: string): ScenarioIssue[] {
  const found: { offset: number; message: string; fix: string }[] = [];
  visit(doc, {
    Alias(_, node) {
      found.push({
        offset: node.range?.[0] ?? 0,
        message: `uses the alias *${node.source}, and scenario files do not expand YAML anchors and aliases.`,
        fix: `Write the value out in full where *${node.source} stands.`,
      });
    },
  });
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = text.slice(warning.pos[0], warning.pos[1]);
    found.push({
      offset: warning.pos[0],
      message: `has the tag ${tag}, and scenario files read plain values only.`,
      fix: `Remove ${tag} and write the value as it is, e.g. 3200 for a number.`,
    });
  }
  return found
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message, fix }) => ({ path: lineAndColumn(text, offset), message, fix }));
}

/** The problem of a key written twice in one object, naming the key found at the error's position. */
function duplicateKey(text: string, error: YAMLError): ScenarioIssue {
  const token = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:,}]+)/.exec(text.slice(error.pos[0]))?.[1] ?? '?';
  return {
    path: lineAndColumn(text, error.pos[0]),
    message: `repeats the key '${unquote(token)}', already given earlier in the same object.`,
    fix: 'Keep one of the two: only one value can count, and dibsim will not guess which.',
  };
}

function unquote(token: string): string {
  if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'"); // YAML's one escape in '…'
  if (!token.startsWith('"')) return token;
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.slice(1, -1); // a YAML escape that JSON lacks: show it as written
  }
}

/** `(line L, column C)` of a 0-based character offset, both 1-based. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `(line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
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
  if ((await stat(path).catch(() => undefined))?.isDirectory() === true) {
    throw new ScenarioError(
      [
        {
          path: '(file)',
          message: 'is a directory, not a scenario file.',
          fix: 'Give the path of a scenario file (.yaml, .yml or .json) in it.',
        },
      ],
      path,
    );
  }
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
