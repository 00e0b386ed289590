import { describe, expect, it } from 'vitest';
import { createStreams, DibsimError } from '../../../src/index.js';
import { interpolate, ParamResolver } from '../../../src/model/params.js';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import type { Param } from '../../../src/model/scenario.js';
import { firm, smallScenario } from './small-scenario.js';

const resolver = (replication = 0, seed = 3) =>
  new ParamResolver(createStreams(seed, { replication }), '2025-01-01');

describe('ParamResolver', () => {
  it('resolver.num(number) returns it and records it as not random, without provenance', () => {
    const r = resolver();
    expect(r.num(0.8, 'a')).toBe(0.8);
    expect(r.drawn).toEqual([{ path: 'a', value: 0.8, facts: [], confidence: undefined, random: false }]);
  });

  it('resolver.num(sourced) keeps facts and confidence with the value', () => {
    const r = resolver();
    const p: Param = { value: 42, facts: ['FI-05', 'LT-01'], confidence: 'M', note: 'why' };
    expect(r.num(p, 'b')).toBe(42);
    expect(r.drawn[0]).toEqual({
      path: 'b',
      value: 42,
      facts: ['FI-05', 'LT-01'],
      confidence: 'M',
      random: false,
    });
  });

  it('resolver.num(distribution) draws from the stream keyed by the path: same path and replication, same value', () => {
    const spec: Param = { type: 'uniform', min: 0, max: 1 };
    const a = resolver(0).num(spec, 'firms[x].efficiency');
    expect(resolver(0).num(spec, 'firms[x].efficiency')).toBe(a);
    expect(resolver(1).num(spec, 'firms[x].efficiency')).not.toBe(a);
    expect(resolver(0).num(spec, 'firms[y].efficiency')).not.toBe(a);
    // Another parameter resolved first does not shift the draw.
    const r = resolver(0);
    r.num({ type: 'uniform', min: 0, max: 1 }, 'something-else');
    expect(r.num(spec, 'firms[x].efficiency')).toBe(a);
    expect(r.drawn[1]!.random).toBe(true);
  });

  it('resolver.num throws naming the path when a value is not finite', () => {
    expect(() => resolver().num(Number.NaN, 'firms[x].efficiency')).toThrow(DibsimError);
    expect(() => resolver().num(Number.POSITIVE_INFINITY, 'p.q')).toThrow(/p\.q resolved to Infinity/);
  });

  it('resolver.profile(steps) is 0 before the first step, then the latest step passed', () => {
    const f = resolver().profile(
      {
        steps: [
          { from: '2025-02-01', value: 10 },
          { from: '2025-03-01', value: 20 },
        ],
      },
      'p',
    );
    expect([0, 30, 31, 58, 59, 1_000].map(f)).toEqual([0, 0, 10, 10, 20, 20]);
  });

  it('resolver.profile(points) interpolates linearly between dates and holds outside them', () => {
    const f = resolver().profile(
      {
        points: [
          { date: '2025-01-11', value: 100 },
          { date: '2025-01-21', value: 200 },
        ],
      },
      'p',
    );
    expect([0, 10, 15, 20, 99].map(f)).toEqual([100, 100, 150, 200, 200]);
    expect(interpolate([], [], 3)).toBe(0);
  });

  it('resolver.profile(constant) resolves the parameter once', () => {
    const r = resolver();
    const f = r.profile({ type: 'uniform', min: 0, max: 1 }, 'budget');
    expect(f(0)).toBe(f(1_000));
    expect(r.drawn).toHaveLength(1);
  });
});

describe('parameter draws in a run', () => {
  const idle: ProcurementStrategy = { name: 'idle', review() {} };
  const scenario = smallScenario({
    endDate: '2025-03-01',
    firms: [
      firm('firm-AA', 'AA', {
        efficiency: {
          value: { type: 'triangular', min: 0.5, mode: 0.7, max: 0.9 },
          facts: ['FI-05'],
          confidence: 'L',
        },
        learningRate: { type: 'uniform', min: 0.05, max: 0.15 },
      }),
    ],
  });
  const run = (replication: number, strategy = idle) =>
    runScenario(scenario, { strategy, seed: 11, replication });
  const find = (r: ReturnType<typeof run>, path: string) => r.parameters.filter((p) => p.path === path);

  it('results().parameters lists a distribution parameter once, drawn, with its facts and confidence', () => {
    const r = run(0);
    const eff = find(r, 'firms[firm-AA].efficiency');
    expect(eff).toHaveLength(1);
    expect(eff[0]).toMatchObject({ facts: ['FI-05'], confidence: 'L', random: true });
    expect(eff[0]!.value).toBeGreaterThanOrEqual(0.5);
    expect(eff[0]!.value).toBeLessThanOrEqual(0.9);
    expect(find(r, 'firms[firm-AA].learningRate')[0]).toMatchObject({ random: true, facts: [] });
    expect(find(r, 'firms[firm-AA].unitCostEur')[0]).toMatchObject({ value: 4_000, random: false });
  });

  it('a replication draws the same inputs under every strategy and with every seed repeat; another replication differs', () => {
    const other: ProcurementStrategy = { name: 'other', review() {} };
    const a = run(0);
    expect(run(0, other).parameters).toEqual(a.parameters);
    const b = run(1);
    expect(find(b, 'firms[firm-AA].efficiency')[0]!.value).not.toBe(
      find(a, 'firms[firm-AA].efficiency')[0]!.value,
    );
    // The capacity the firm reports is the one its drawn efficiency gives.
    const eff = find(a, 'firms[firm-AA].efficiency')[0]!.value;
    expect(a.firms['firm-AA']!.capacityPerMonth[0]).toBeCloseTo(10_000 * eff, 9);
  });
});
