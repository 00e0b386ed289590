import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ScenarioError, type ScenarioIssue } from '../../../src/errors.js';
import { parseScenario } from '../../../src/io/scenario-file.js';

/** A valid scenario, as YAML and as the equivalent pretty-printed JSON. */
const YAML_TEXT = readFileSync(
  fileURLToPath(new URL('../../../examples/scenarios/two-nations.yaml', import.meta.url)),
  'utf8',
);
const JSON_TEXT = JSON.stringify(parse(YAML_TEXT), null, 2);

/** The issues of the ScenarioError that parsing `text` throws. */
function issuesOf(text: string, format: 'json' | 'yaml'): readonly ScenarioIssue[] {
  try {
    parseScenario(text, 'case', format);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues;
  }
  throw new Error('parseScenario accepted the text');
}

describe('parseScenario: what a file can hold besides the scenario', () => {
  it('names a format other than json or yaml, and text that is not a string', () => {
    expect(() => parseScenario('name: x', 's.toml', 'toml' as 'yaml')).toThrow(
      "parseScenario: format must be 'json' or 'yaml' (got \"toml\"). Convert the file to one of them.",
    );
    expect(() => parseScenario(Buffer.from('{}') as unknown as string, 's.json', 'json')).toThrow(
      /parseScenario: text must be the file's contents as a string/,
    );
  });

  it('reads JSON and YAML that start with a byte-order mark as without it', () => {
    const plain = parseScenario(JSON_TEXT, 'case', 'json');
    expect(parseScenario(`\uFEFF${JSON_TEXT}`, 'case', 'json')).toEqual(plain);
    expect(parseScenario(`\uFEFF${YAML_TEXT}`, 'case', 'yaml')).toEqual(plain);
  });

  it.each(['json', 'yaml'] as const)(
    'calls an empty or blank %s file empty, and says how to start one',
    (format) => {
      for (const text of ['', ' \n\t\n', '\uFEFF']) {
        const [issue, ...rest] = issuesOf(text, format);
        expect(rest).toEqual([]);
        expect(issue).toMatchObject({ path: '(file)', message: 'is empty.' });
        expect(issue!.fix).toContain('dibsim init');
      }
    },
  );

  it('calls a YAML file of comments or bare document markers empty, like a blank one', () => {
    for (const text of [
      '# a scenario, some day\n# not yet\n',
      '---\n# nothing\n',
      '---\n...\n',
      '--- # x\n',
    ]) {
      const [issue, ...rest] = issuesOf(text, 'yaml');
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ path: '(file)', message: 'is empty.' });
      expect(issue!.fix).toContain('dibsim init');
    }
  });

  it.each([
    ['json', 'null'],
    ['yaml', '~\n'],
    ['yaml', '--- null # x\n'],
  ] as const)('says a %s file that holds only null holds no scenario', (format, text) => {
    const [issue, ...rest] = issuesOf(text, format);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: '(file)', message: 'holds only null, not a scenario.' });
    expect(issue!.fix).toContain('dibsim init');
  });

  it.each([
    ['json', '"europe-155mm"'],
    ['yaml', 'europe-155mm\n'],
  ] as const)('says a %s file that holds one text value holds no scenario', (format, text) => {
    const [issue, ...rest] = issuesOf(text, format);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      path: '(file)',
      message: 'holds one text value ("europe-155mm"), not a scenario.',
    });
    expect(issue!.fix).toContain('dibsim init');
  });

  it('places a JSON syntax error at its line and column', () => {
    const broken = JSON_TEXT.replace('"name":', '"name"'); // line 3 of the pretty-printed text
    const [issue] = issuesOf(broken, 'json');
    const line = broken.split('\n').findIndex((l) => l.includes('"name"')) + 1;
    expect(issue!.path).toMatch(new RegExp(`^\\(line ${line}, column \\d+\\)$`));
    expect(issue!.message).toMatch(/^is not valid JSON: /);
  });

  it('places a YAML syntax error at its line and column, and says it once', () => {
    const [issue, ...rest] = issuesOf('schemaVersion: 1\nitems: [a,\nname: x\n', 'yaml');
    expect(rest).toEqual([]);
    expect(issue!.path).toBe('(line 3, column 1)');
    expect(issue!.message).toMatch(/^is not valid YAML: [^\n]+\.$/);
    expect(issue!.message).not.toContain('line');
  });

  it('rejects a key given twice in JSON, which JSON.parse would silently resolve to the last value', () => {
    const twice = JSON_TEXT.replace('"name": "two-nations",', '"name": "two-nations",\n  "name": "other",');
    expect(JSON.parse(twice).name).toBe('other'); // what would have been read without the check
    const lines = twice.split('\n');
    const at = lines.indexOf('  "name": "other",');
    const issues = issuesOf(twice, 'json');
    expect(issues).toEqual([
      {
        path: `(line ${at + 1}, column ${lines[at]!.indexOf('"') + 1})`,
        message: "repeats the key 'name', already given earlier in the same object.",
        fix: expect.stringContaining('Keep one of the two'),
      },
    ]);
  });

  it('finds a repeated JSON key longer than the 1,024 characters YAML allows an implicit key', () => {
    // JSON objects are YAML flow mappings, whose keys have no length limit: the check still sees them.
    const key = 'k'.repeat(1100);
    const twice = JSON_TEXT.replace('{', `{"${key}": 1, "${key}": 2,`);
    const [issue, ...rest] = issuesOf(twice, 'json');
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      path: `(line 1, column ${twice.indexOf(`"${key}": 2`) + 1})`,
      message: `repeats the key '${key}', already given earlier in the same object.`,
    });
  });

  it("names a repeated single-quoted YAML key as YAML reads it ('it''s' is it's)", () => {
    const text = `${YAML_TEXT}\n'it''s': 1\n'it''s': 2\n`;
    const lines = text.split('\n');
    const [issue, ...rest] = issuesOf(text, 'yaml');
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      path: `(line ${lines.lastIndexOf("'it''s': 2") + 1}, column 1)`,
      message: "repeats the key 'it's', already given earlier in the same object.",
    });
  });

  it('names each YAML alias and unknown tag at its line and column, as plain values are all it reads', () => {
    const lines = YAML_TEXT.split('\n');
    const rates = lines.flatMap((l, i) => (/^\s+learningRate: 0\.1$/.test(l) ? [i] : []));
    const [first, second] = [rates[0]!, rates[1]!];
    lines[first] = lines[first]!.replace('0.1', '&rate 0.1');
    lines[second] = lines[second]!.replace('0.1', '*rate');
    const cost = lines.findIndex((l, i) => i > first && i < second && /^\s+unitCostEur: \d+$/.test(l));
    lines[cost] = lines[cost]!.replace('unitCostEur: ', 'unitCostEur: !eur ');
    const at = (line: number, text: string) => `(line ${line + 1}, column ${lines[line]!.indexOf(text) + 1})`;
    expect(issuesOf(lines.join('\n'), 'yaml')).toEqual([
      {
        path: at(cost, '!eur'),
        message: 'has the tag !eur, and scenario files read plain values only.',
        fix: 'Remove !eur and write the value as it is, e.g. 3200 for a number.',
      },
      {
        path: at(second, '*rate'),
        message: 'uses the alias *rate, and scenario files do not expand YAML anchors and aliases.',
        fix: 'Write the value out in full where *rate stands.',
      },
    ]);
  });

  it('rejects a key given twice in a nested YAML mapping, naming the key and where the second one is', () => {
    const lines = YAML_TEXT.split('\n');
    const at = lines.findIndex((l) => /^\s+- id: /.test(l));
    const indent = lines[at]!.indexOf('id:');
    lines.splice(at + 1, 0, `${' '.repeat(indent)}id: ZZ`);
    const issues = issuesOf(lines.join('\n'), 'yaml');
    expect(issues).toEqual([
      {
        path: `(line ${at + 2}, column ${indent + 1})`,
        message: "repeats the key 'id', already given earlier in the same object.",
        fix: expect.stringContaining('Keep one of the two'),
      },
    ]);
  });

  it('says a missing schemaVersion is missing, and what to write', () => {
    const data = parse(YAML_TEXT) as Record<string, unknown>;
    delete data.schemaVersion;
    const issues = issuesOf(JSON.stringify(data), 'json');
    expect(issues).toEqual([
      {
        path: 'schemaVersion',
        message: "required field 'schemaVersion' is missing",
        fix: 'Add schemaVersion: 1 at the top of the file (the version this dibsim reads).',
      },
    ]);
  });

  it('points to another release only for a later whole version: "1", null and 0 are told to write 1', () => {
    const withVersion = (v: unknown) => {
      const data = parse(YAML_TEXT) as Record<string, unknown>;
      return issuesOf(JSON.stringify({ ...data, schemaVersion: v }), 'json');
    };
    expect(withVersion(2)[0]!.fix).toBe(
      'This dibsim reads schemaVersion 1 only: convert the file to version 1, or use a dibsim release that reads version 2.',
    );
    for (const v of ['1', null, 0, 1.5]) {
      const [issue] = withVersion(v);
      expect(issue!.path).toBe('schemaVersion');
      expect(issue!.fix, String(v)).toBe(
        'Write schemaVersion: 1, the number 1 (the version this dibsim reads).',
      );
    }
  });
});
