import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExperimentAccumulator } from '../../../src/experiment/accumulator.js';
import { recordLayout, recordWidth } from '../../../src/experiment/record.js';
import { validateScenario } from '../../../src/model/validate.js';
import { Tally } from '../../../src/stats/tally.js';
import { randomSmallScenario } from './helpers.js';

const layout = recordLayout(validateScenario(randomSmallScenario()));
const width = recordWidth(layout);
const reachedColumns = new Set(layout.censored.map((key) => layout.scalars.indexOf(`${key}.reached`)));
const value = fc.oneof(
  { weight: 9, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);
const strategyValues = fc.array(value, { minLength: width, maxLength: width }).chain((v) =>
  fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 730 })).map(([reached, day]) => {
    const out = [...v];
    for (const key of layout.censored) {
      out[layout.scalars.indexOf(`${key}.reached`)] = reached ? 1 : 0;
      out[layout.scalars.indexOf(`${key}.day`)] = reached ? day : 730;
    }
    return out;
  }),
);

function summarise(records: { replication: number; values: number[][] }[]): string {
  const acc = new ExperimentAccumulator(layout, ['a', 'b', 'c'], {
    level: 0.95,
    quantileAccuracy: 0.001,
    baseline: 1,
  });
  for (const r of records) acc.fold(r);
  return JSON.stringify([acc.strategies(), acc.comparisons()]);
}

describe('ExperimentAccumulator', () => {
  it('fold(record) gives bit-identical summaries whatever the order of the records (exact accumulators)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(strategyValues, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        fc.integer(),
        (values, salt) => {
          const records = values.map((v, replication) => ({ replication, values: v }));
          const shuffled = [...records].sort(
            (x, y) => ((x.replication * 7919 + salt) % 13) - ((y.replication * 7919 + salt) % 13),
          );
          expect(summarise(shuffled)).toBe(summarise(records));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('ExperimentAccumulator batches', () => {
  it('tally(s, k) covers every record folded so far, read at any point (records are folded in batches)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: layout.scalars.length - 1 }),
        (n, readAt, s, k) => {
          const acc = new ExperimentAccumulator(layout, ['a', 'b', 'c'], {
            level: 0.95,
            quantileAccuracy: 0.001,
            baseline: 0,
          });
          const direct = new Tally();
          for (let r = 0; r < n; r++) {
            // Distinct, exactly representable values, so a lost or doubled record changes the sum.
            // A censored event's `.reached` is 0 or 1, as in every record.
            const values = [0, 1, 2].map((t) =>
              Array.from({ length: width }, (_, j) =>
                reachedColumns.has(j) ? (r + t) % 2 : r * 1024 + t * 64 + (j % 64),
              ),
            );
            acc.fold({ replication: r, values });
            direct.add(values[s]![k]!);
            if (readAt.includes(r + 1)) {
              expect(acc.folded).toBe(r + 1);
              expect(acc.tally(s, k).toJSON()).toEqual(direct.toJSON());
            }
          }
          expect(acc.tally(s, k).toJSON()).toEqual(direct.toJSON());
          expect(acc.strategies()[s]!.kpis[layout.scalars[k]!]!.n).toBe(n);
        },
      ),
      { numRuns: 40 },
    );
  });
});
