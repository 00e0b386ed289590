import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { type ResultsFileHeader, readResultsFile } from '../../../src/experiment/results-file.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { mergeShards } from '../../../src/experiment/shards.js';
import { national, randomSmallScenario } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dibsim-results-file-'));
/** A header for records of one strategy holding `width` numbers each. */
const headerOf = (width: number) => ({
  type: 'dibsim-experiment',
  manifest: { seed: '1', replications: 10, strategies: [{ name: 'a', module: 'a' }] },
  layout: {
    scalars: Array.from({ length: width }, (_, i) => `k${i}`),
    series: [],
    seriesDays: [],
    censored: [],
    nations: [],
    pledges: [],
    horizonDays: 365,
  },
});
const header = headerOf(1);
/** A header whose records hold one censored event, `met`, over a 100-day horizon, then `k`. */
const censoredHeader = {
  ...header,
  layout: { ...header.layout, scalars: ['met.reached', 'met.day', 'k'], censored: ['met'], horizonDays: 100 },
};
const record = (replication: number, values: (number | null)[]) =>
  JSON.stringify({ type: 'record', replication, values: [values] });

describe('readResultsFile', () => {
  it('indexes lines across any chunk size and reads each record back, dropping a torn last line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }).chain((width) =>
          fc.array(
            fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), {
              minLength: width,
              maxLength: width,
            }),
            { maxLength: 8 },
          ),
        ),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (rows, chunkBytes, torn) => {
          const file = join(dir, 'prop.jsonl');
          const width = rows[0]?.length ?? 0;
          // Replications in a shuffled order, as workers finish them, with one duplicate (first wins).
          const order = rows.map((_, i) => i).reverse();
          const lines = [JSON.stringify(headerOf(width)), ...order.map((r) => record(r, rows[r]!))];
          if (rows.length > 0) lines.push(record(0, Array<number>(width).fill(123)));
          const complete = `${lines.join('\n')}\n`;
          writeFileSync(file, torn ? `${complete}{"type":"rec` : complete);
          const contents = readResultsFile(file, chunkBytes);
          expect(contents.validBytes).toBe(Buffer.byteLength(complete));
          expect(contents.outcomes.size).toBe(rows.length);
          rows.forEach((values, r) => {
            const outcome = contents.outcomes.get(r);
            expect(outcome?.status).toBe('ok');
            if (outcome?.status === 'ok') {
              // JSON null (a NaN when written) comes back as NaN; JSON writes -0 as 0 (records never hold -0).
              const expected = values.map((x) => (x === null ? Number.NaN : Object.is(x, -0) ? 0 : x));
              expect(outcome.record.values[0]).toEqual(expected);
            }
          });
          expect(contents.outcomes.has(rows.length)).toBe(false);
        },
      ),
    );
  });

  it('names the line of a corrupt record', () => {
    const file = join(dir, 'corrupt.jsonl');
    writeFileSync(file, `${JSON.stringify(header)}\n${record(0, [1])}\n{oops}\n${record(1, [2])}\n`);
    expect(() => readResultsFile(file, 5)).toThrow(/line 3, is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toContain('{oops}');
  });

  it.each([
    ['a record cut short', record(1, []), /line 3: "values\[0\]" must hold 1 numbers \(got 0\)/],
    [
      'a value that is not a number',
      record(1, ['x' as unknown as number]),
      /"values\[0\]\[0\]" \(k0\) must be a finite number or null \(got "x"\)/,
    ],
    [
      'a number too large for a double (JSON reads it as Infinity)',
      '{"type":"record","replication":1,"values":[[1e999]]}',
      /"values\[0\]\[0\]" \(k0\) must be a finite number or null \(got Infinity\)/,
    ],
    [
      'a replication outside the run',
      record(99, [1]),
      /"replication" must be a whole number from 0 to 9 \(got 99\)/,
    ],
    ['a line of another kind', '{"garbage":1}', /"replication" must be a whole number/],
    [
      'a record of two strategies',
      JSON.stringify({ type: 'record', replication: 1, values: [[1], [2]] }),
      /"values" must hold 1 lists/,
    ],
    [
      'a failure without its error',
      JSON.stringify({ type: 'failure', replication: 1, strategy: 'a' }),
      /"error" must hold/,
    ],
    ['a JSON value that is not an object', 'null', /line 3: holds null, not a JSON object/],
  ])('names the line and the problem of a damaged record (%s), before anything runs', (_, line, message) => {
    const file = join(dir, 'damaged.jsonl');
    writeFileSync(file, `${JSON.stringify(header)}\n${record(0, [1])}\n${line}\n${record(2, [2])}\n`);
    expect(() => readResultsFile(file)).toThrow(message);
    expect(() => readResultsFile(file)).toThrow(
      /The file is damaged or was edited .*restore it, or start a new one\./,
    );
  });

  it.each([
    [[2, 40, 7], '"values[0][0]" (met.reached) must be 1 (reached) or 0 (not reached), or null (got 2)'],
    [[0.5, 40, 7], '(met.reached) must be 1 (reached) or 0 (not reached), or null (got 0.5)'],
    [[-1, 40, 7], '(met.reached) must be 1 (reached) or 0 (not reached), or null (got -1)'],
    [[1, -3, 7], '"values[0][1]" (met.day) must be a day from 0 to the horizon, 100, or null (got -3)'],
    [[0, 101, 7], '(met.day) must be a day from 0 to the horizon, 100, or null (got 101)'],
    [[null, 40, 7], '"values[0][1]" (met.day) must be null exactly when met.reached is (got 40)'],
    [[1, null, 7], '"values[0][0]" (met.reached) must be null exactly when met.day is (got 1)'],
  ])('refuses a censored event no run writes, %j, naming the file, line and field', (values, message) => {
    const file = join(dir, 'censored.jsonl');
    const lines = [JSON.stringify(censoredHeader), record(0, [1, 40, 7]), record(1, values)];
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(() => readResultsFile(file)).toThrow(`Results file ${file}, line 3: "values[0][`);
    expect(() => readResultsFile(file)).toThrow(message);
    expect(() => readResultsFile(file)).toThrow(/restore it, or start a new one\.$/);
  });

  it('reads censored events as runs write them, and still ignores a torn last line however damaged', () => {
    const file = join(dir, 'censored-ok.jsonl');
    const rows = [
      [1, 0, 7],
      [0, 100, 7],
      [null, null, null],
    ];
    const lines = [
      JSON.stringify(censoredHeader),
      ...rows.map((v, r) => JSON.stringify({ type: 'record', replication: r, values: [v] })),
    ];
    writeFileSync(file, `${lines.join('\n')}\n{"type":"record","replication":3,"values":[[2,-1`);
    const contents = readResultsFile(file);
    expect(contents.outcomes.size).toBe(3);
    expect(contents.outcomes.get(2)).toEqual({
      status: 'ok',
      record: { replication: 2, values: [[Number.NaN, Number.NaN, Number.NaN]] },
    });
  });

  it('runExperiment and mergeShards refuse an edited .reached before folding anything (it failed in wilsonInterval, or counted)', async () => {
    const options = { scenario: randomSmallScenario(), strategies: [national], replications: 3, seed: 5 };
    const key = 'nations.AA.timeToTarget.reached';
    /** Sets `key` of the record on line 3 of `file` to `value`; returns the message that names it. */
    const edit = (file: string, value: number) => {
      const [head, ...records] = readFileSync(file, 'utf8').trimEnd().split('\n');
      const at = (JSON.parse(head!) as ResultsFileHeader).layout.scalars.indexOf(key);
      expect(at).toBeGreaterThanOrEqual(0);
      const line = JSON.parse(records[1]!) as { values: number[][] };
      line.values[0]![at] = value;
      records[1] = JSON.stringify(line);
      writeFileSync(file, `${[head, ...records].join('\n')}\n`);
      return `Results file ${file}, line 3: "values[0][${at}]" (${key}) must be 1 (reached) or 0 (not reached), or null (got ${value}).`;
    };
    const resumed = join(dir, 'edited.jsonl');
    await runExperiment({ ...options, resultsFile: resumed });
    const twice = edit(resumed, 2);
    await expect(runExperiment({ ...options, resultsFile: resumed })).rejects.toThrow(twice);
    const shard = join(dir, 'edited-shard.jsonl');
    await runExperiment({ ...options, shard: { index: 0, count: 1 }, resultsFile: shard });
    const negative = edit(shard, -1);
    expect(() => mergeShards([shard])).toThrow(negative);
  });

  it('says a file whose first line is not JSON (a scenario, say) is not a results file', () => {
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, 'schemaVersion: 1\nname: x\n');
    expect(() => readResultsFile(file)).toThrow(
      `${file} is not a dibsim results file (its first line is not JSON). Choose the file a run wrote its replications to.`,
    );
  });

  it('names what a damaged header lacks', () => {
    const file = join(dir, 'bare-header.jsonl');
    writeFileSync(file, `{"type":"dibsim-experiment"}\n${record(0, [1])}\n`);
    expect(() => readResultsFile(file)).toThrow(
      /line 1: the header has no manifest object \(got undefined\)/,
    );
    const noLayout = { ...header, layout: { scalars: [] } };
    writeFileSync(file, `${JSON.stringify(noLayout)}\n`);
    expect(() => readResultsFile(file)).toThrow(/line 1: the header's layout.series must be an array/);
    const noHorizon = { ...header, layout: { ...header.layout, horizonDays: undefined } };
    writeFileSync(file, `${JSON.stringify(noHorizon)}\n`);
    expect(() => readResultsFile(file)).toThrow(
      /line 1: the header's layout.horizonDays must be a number >= 0 \(got undefined\)/,
    );
    const unlisted = { ...censoredHeader, layout: { ...censoredHeader.layout, censored: ['met', 'gone'] } };
    writeFileSync(file, `${JSON.stringify(unlisted)}\n`);
    expect(() => readResultsFile(file)).toThrow(
      /line 1: the header's layout.scalars must hold "gone.reached" and "gone.day", as layout.censored lists "gone"/,
    );
  });

  it('runExperiment names a results file it cannot create or read, and the fix, as a DibsimError with the system error as cause', async () => {
    const options = { scenario: randomSmallScenario(), strategies: [national], replications: 1 };
    const missing = join(dir, 'no-such-folder', 'r.jsonl');
    const error = await runExperiment({ ...options, resultsFile: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DibsimError);
    expect((error as DibsimError).code).toBe('INVALID_ARGUMENT');
    expect((error as DibsimError).message).toBe(
      `Cannot create results file ${missing} (ENOENT: no such file or directory, open '${missing}'): it does not exist (or a folder on its path is missing). Check the path, or create the folder first.`,
    );
    expect(((error as DibsimError).cause as { code?: string }).code).toBe('ENOENT');
    await expect(runExperiment({ ...options, resultsFile: dir })).rejects.toThrow(
      `Cannot read results file ${dir} (EISDIR: illegal operation on a directory, read): it is a folder, where a file is needed. Name a file.`,
    );
  });
});

describe('a results file without a complete line', () => {
  const options = { scenario: randomSmallScenario(), strategies: [national], replications: 3, seed: 8 };
  /** The header line a run of `options` writes, without its newline. */
  const headerLine = async () => {
    const file = join(dir, 'header-source.jsonl');
    await runExperiment({ ...options, resultsFile: file });
    return readFileSync(file, 'utf8').split('\n')[0]!;
  };

  it('is an empty file or a torn header (a run killed as it began), from which runExperiment starts afresh', async () => {
    const whole = JSON.stringify(await runExperiment(options));
    const header = await headerLine();
    // Every length a killed run's first write can leave: nothing, a byte, part of the manifest, all but the newline.
    for (const length of [0, 1, 40, 200, header.length]) {
      const file = join(dir, `torn-header-${length}.jsonl`);
      writeFileSync(file, header.slice(0, length));
      expect(readResultsFile(file)).toMatchObject({ header: undefined, validBytes: 0, bytes: length });
      expect(JSON.stringify(await runExperiment({ ...options, resultsFile: file }))).toBe(whole);
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines[0]).toBe(header);
      expect(lines).toHaveLength(1 + options.replications + 1);
    }
  });

  it.each([
    ['a JSON object', '{"important": true}'],
    ['a line of text', 'notes'],
    ['minified JSON that starts with a "type"', '{"type":"config","x":1}'],
    ['a header start that goes on otherwise', '{"type":"dibsim-experiment","layout":{}'],
  ])(
    'but %s without its newline is not a results file: refused, and left byte for byte',
    async (_, content) => {
      const file = join(dir, 'precious.txt');
      writeFileSync(file, content);
      const message = `${file} is not a dibsim results file (it holds no complete line, and does not start as a results file's header, {"type":"dibsim-experiment",…). Choose another file.`;
      expect(() => readResultsFile(file)).toThrow(message);
      await expect(runExperiment({ ...options, resultsFile: file })).rejects.toThrow(message);
      expect(() => mergeShards([file])).toThrow(message);
      expect(readFileSync(file, 'utf8')).toBe(content);
    },
  );

  it("holding the torn header of another experiment, is refused and left as it is (it is not this run's to overwrite)", async () => {
    const header = await headerLine();
    const file = join(dir, 'torn-other.jsonl');
    const torn = header.slice(0, header.length - 5);
    writeFileSync(file, torn);
    const error = await runExperiment({ ...options, seed: 9, resultsFile: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DibsimError);
    expect((error as DibsimError).message).toBe(
      `${file} holds only the incomplete header of another experiment's results file (or of one from another version of dibsim or Node.js): its run stopped before it wrote a complete line, so the file holds no replications. Delete it, or choose another file.`,
    );
    expect(readFileSync(file, 'utf8')).toBe(torn);
    expect(statSync(file).size).toBe(torn.length);
  });

  it('mergeShards says a shard file is empty or holds only a torn header, and what to do', () => {
    const empty = join(dir, 'empty-shard.jsonl');
    writeFileSync(empty, '');
    expect(() => mergeShards([empty])).toThrow(
      `mergeShards: ${empty} is empty: the run of that shard stopped before it wrote its first line, so it holds no replications. Rerun that shard with the same options and resultsFile, then merge.`,
    );
    const torn = join(dir, 'torn-shard.jsonl');
    writeFileSync(torn, '{"type":"dibsim-experiment","manifest":{"dibsim":"1');
    expect(() => mergeShards([torn])).toThrow(
      `mergeShards: ${torn} holds no complete line, only part of a header: the run of that shard stopped before it wrote its first line`,
    );
  });

  it("mergeShards says how to use a whole run's file instead of merging it", async () => {
    const whole = join(dir, 'whole.jsonl');
    await runExperiment({ ...options, resultsFile: whole });
    const message = `mergeShards: ${whole} is not a shard file (no manifest.shard): a run of every replication wrote it, without the shard option. Pass the files written by runs with shard { index, count }, one per shard; or, to finish that whole run, resume it with the same options and this file as resultsFile instead of merging.`;
    expect(() => mergeShards([whole])).toThrow(message);
    const shard = join(dir, 'shard-0-of-2.jsonl');
    await runExperiment({ ...options, shard: { index: 0, count: 2 }, resultsFile: shard });
    expect(() => mergeShards([shard, whole])).toThrow(message);
  });
});
