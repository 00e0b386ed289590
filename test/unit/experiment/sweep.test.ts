import { describe, expect, it } from 'vitest';
import { gridDesign, latinHypercube } from '../../../src/experiment/designs.js';
import { applyLevers, type Lever, setPath } from '../../../src/experiment/levers.js';
import { runExperiment } from '../../../src/experiment/run-experiment.js';
import { runSweep, type SweepOptions, type TornadoOptions, tornado } from '../../../src/experiment/sweep.js';
import { randomSmallScenario, STRATEGIES_MODULE } from './helpers.js';

const scenario = randomSmallScenario();
const initialStock = 'nations[id=AA].stockpiles[item=155mm].initialRounds';

describe('designs', () => {
  it('gridDesign(levers) lists every combination, the last lever fastest', () => {
    expect(
      gridDesign([
        { path: 'a', values: [1, 2] },
        { path: 'b', values: ['x', 'y'] },
      ]),
    ).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    expect(() => gridDesign([{ path: 'a' }])).toThrow(/has no values/);
    expect(gridDesign([])).toEqual([{}]);
    expect(() => gridDesign(null as unknown as [])).toThrow(
      /gridDesign: levers must be an array of levers \(got null\)/,
    );
    expect(() => latinHypercube(undefined as unknown as [], 3, 1)).toThrow(
      /latinHypercube: levers must be an array/,
    );
  });

  it('gridDesign and latinHypercube refuse a design too large to build, a lever without a path, and two levers with one name', () => {
    // 30 levers of 3 values: 2e14 points ran out of memory before the check.
    const many = Array.from({ length: 30 }, (_, i) => ({ path: `p${i}`, values: [1, 2, 3] }));
    expect(() => gridDesign(many)).toThrow(
      'gridDesign: levers make a grid of 205,891,132,094,649 points (3 × 3 × 3 × 3 × 3 × 3 × … values of its 30 levers), but a design may have at most 10,000. Give the levers fewer values, or sample their ranges with latinHypercube.',
    );
    // 400 levers of 10 values: 1e400 points, Infinity as a number, and 400 factors are not listed.
    const huge = Array.from({ length: 400 }, (_, i) => ({ path: `p${i}`, values: [...Array(10).keys()] }));
    expect(() => gridDesign(huge)).toThrow(
      /^gridDesign: levers make a grid of more than 10,000 points \(10 × 10 × 10 × 10 × 10 × 10 × … values of its 400 levers\), but a design/,
    );
    expect(gridDesign(many.slice(0, 8))).toHaveLength(6561);
    expect(() => latinHypercube([{ path: 'a', range: { min: 0, max: 1 } }], 10_001, 1)).toThrow(
      /^latinHypercube: points must be an integer from 1 to 10,000 \(got 10001\)/,
    );
    expect(() => gridDesign([{ path: 'a', range: { min: 0, max: 1 } }])).toThrow(
      /has no values \(a range is sampled by latinHypercube\)\. Give values/,
    );
    expect(() => gridDesign([{ values: [1] } as unknown as Lever])).toThrow(
      /^gridDesign: levers\[0\]\.path must be a non-empty string \(got undefined\)/,
    );
    const twice = [
      { path: 'a', values: [1, 2] },
      { path: 'a', values: [3] },
    ];
    expect(() => gridDesign(twice)).toThrow(
      /^gridDesign: levers\[1\] has the name of an earlier lever, "a"\./,
    );
    expect(() => latinHypercube(twice, 2, 1)).toThrow(
      /^latinHypercube: levers\[1\] has the name of an earlier lever/,
    );
  });

  it('latinHypercube(levers, n, seed) uses each of the n strata of every lever exactly once, reproducibly', () => {
    const levers = [
      { path: 'x', range: { min: 0, max: 10 } },
      { path: 'y', range: { min: 100, max: 200 } },
      { path: 'z', values: ['a', 'b', 'c', 'd', 'e'] },
    ];
    const design = latinHypercube(levers, 5, 7);
    const strata = (key: string, min: number, width: number) =>
      design.map((p) => Math.floor(((p[key] as number) - min) / width)).sort();
    expect(strata('x', 0, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(strata('y', 100, 20)).toEqual([0, 1, 2, 3, 4]);
    expect(design.map((p) => p.z).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(latinHypercube(levers, 5, 7)).toEqual(design);
    expect(latinHypercube(levers, 5, 8)).not.toEqual(design);
    // A lever's column depends only on its own stream.
    expect(latinHypercube([levers[0]!], 5, 7).map((p) => p.x)).toEqual(design.map((p) => p.x));
  });
});

describe('levers', () => {
  it('setPath(root, path, value) copies along the path and leaves the input alone', () => {
    const updated = setPath(scenario, initialStock, 1234, 'stock') as typeof scenario;
    expect(updated.nations[0]!.stockpiles[0]!.initialRounds).toBe(1234);
    expect(scenario.nations[0]!.stockpiles[0]!.initialRounds).toBe(60_000);
    expect(updated.firms).toBe(scenario.firms);
  });

  it('names the step of a path that does not exist, and what is there', () => {
    expect(() => setPath(scenario, 'nations[id=ZZ].budgetEurPerYear', 1, 'l')).toThrow(
      /has no element \[id=ZZ\] \(at step 2\)\. The ids there: AA\./,
    );
    expect(scenario.nations).toHaveLength(1);
    expect(() => setPath(scenario, 'nations[7].budgetEurPerYear', 1, 'l')).toThrow(
      /has no element \[7\] \(at step 2\)\. It has 1 element there, from \[0\]\.$/,
    );
    expect(() => setPath(scenario, 'procurement.nope', 1, 'l')).toThrow(
      /has no field "nope" \(at step 2\)\. Fields there: /,
    );
    expect(() => setPath(scenario, 'procurement.awardDelayDayz', 1, 'l')).toThrow(
      /has no field "awardDelayDayz" \(at step 2\)\. Did you mean "awardDelayDays"\?$/,
    );
    expect(() => setPath(scenario, 'a..b]', 1, 'l')).toThrow(/is not a path/);
  });

  it('applyLevers adds an optional scenario field left out, and still rejects a misspelt one', () => {
    expect('minOrderShare' in scenario.procurement).toBe(false);
    const lever = { path: 'procurement.minOrderShare', values: [0.1] };
    const out = applyLevers(scenario, [], [lever], { 'procurement.minOrderShare': 0.1 });
    expect(out.scenario.procurement.minOrderShare).toBe(0.1);
    expect('minOrderShare' in scenario.procurement).toBe(false);
    const typo = { path: 'procurement.minOrderShre', values: [0.1] };
    expect(() => applyLevers(scenario, [], [typo], { 'procurement.minOrderShre': 0.1 })).toThrow(
      /^applyLevers: levers\[0\] \(lever "procurement.minOrderShre"\): path "procurement.minOrderShre" has no field "minOrderShre" \(at step 2\)\. Did you mean "minOrderShare"\?$/,
    );
    const deep = { path: 'procurement.nope.minOrderShare', values: [0.1] };
    expect(() => applyLevers(scenario, [], [deep], { 'procurement.nope.minOrderShare': 0.1 })).toThrow(
      /has no field "nope" \(at step 2\)/,
    );
  });

  it('applyLevers keeps the scenario value of a lever without a value, and refuses a value that names no lever', () => {
    const levers = [{ name: 'stock', path: initialStock }];
    expect(applyLevers(scenario, [], levers, {}).scenario).toBe(scenario);
    expect(() => applyLevers(scenario, [], levers, { stok: 1 })).toThrow(
      /^applyLevers: values\.stok names no lever \(got 1\)\. Did you mean 'stock'\? The levers: stock\.$/,
    );
  });

  it('applyLevers sets strategy params of a named module strategy only', () => {
    const strategies = [
      { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.5 } },
    ];
    const out = applyLevers(scenario, strategies, [{ strategy: 'partial', path: 'share' }], {
      'partial:share': 0.9,
    });
    expect(out.strategies[0]).toMatchObject({ params: { share: 0.9 } });
    expect(strategies[0]!.params.share).toBe(0.5);
    expect(() =>
      applyLevers(scenario, strategies, [{ strategy: 'nope', path: 'share' }], { 'nope:share': 1 }),
    ).toThrow(/no strategy given as a module has the name "nope"/);
  });

  it('applyLevers finds a built-in strategy by its registry name and adds parameters left at their defaults', async () => {
    const pooled = [{ module: 'pooled' }];
    const lever = { strategy: 'pooled', path: 'pooledStock.safetyDays' };
    const out = applyLevers(scenario, pooled, [lever], { 'pooled:pooledStock.safetyDays': 45 });
    expect(out.strategies[0]).toEqual({ module: 'pooled', params: { pooledStock: { safetyDays: 45 } } });
    expect(pooled[0]).toEqual({ module: 'pooled' });
    // A module name given as a string is the same strategy.
    const byString = applyLevers(scenario, ['national-only', 'pooled'], [lever], {
      'pooled:pooledStock.safetyDays': 45,
    });
    expect(byString.strategies).toEqual([{ module: 'national-only' }, out.strategies[0]]);
    // A misspelt parameter is added too, and the strategy rejects it when it is loaded.
    const typo = applyLevers(scenario, pooled, [{ strategy: 'pooled', path: 'frameworkLenghtMonths' }], {
      'pooled:frameworkLenghtMonths': 24,
    });
    await expect(runExperiment({ scenario, strategies: typo.strategies, replications: 1 })).rejects.toThrow(
      /frameworkLenghtMonths/,
    );
  });
});

describe('runSweep and tornado', () => {
  const strategies = [
    { module: STRATEGIES_MODULE, name: 'national' },
    { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.5 } },
  ];

  it('runSweep runs one experiment per grid point with the lever applied', async () => {
    const sweep = await runSweep({
      scenario,
      strategies,
      replications: 3,
      seed: 4,
      levers: [{ name: 'stock', path: initialStock, values: [40_000, 80_000] }],
      design: { type: 'grid' },
    });
    expect(sweep.status).toBe('complete');
    expect(sweep.points.map((p) => p.values)).toEqual([{ stock: 40_000 }, { stock: 80_000 }]);
    expect(
      sweep.points.map((p) => p.result.strategies[0]!.series['nations.AA.stockRounds']!.mean[0]),
    ).toEqual([40_000, 80_000]);
  });

  it('runSweep and tornado give the same results on worker threads (one pool for all their experiments) as in the calling thread', async () => {
    const common = { scenario, strategies, replications: 5, seed: 9 };
    const levers = [
      { name: 'stock', path: initialStock, values: [40_000, 80_000], low: 40_000, high: 80_000 },
      { strategy: 'partial', path: 'share', values: [0.3, 0.9], low: 0.3, high: 0.9 },
    ];
    const sweep = { ...common, levers, design: { type: 'grid' } as const };
    const serialSweep = JSON.stringify(await runSweep(sweep));
    expect(JSON.stringify(await runSweep({ ...sweep, workers: 2, chunkSize: 2 }))).toBe(serialSweep);
    const oat = { ...common, levers, kpis: ['totalSpendEur'] };
    const serialTornado = JSON.stringify(await tornado(oat));
    expect(JSON.stringify(await tornado({ ...oat, workers: 2 }))).toBe(serialTornado);
    // A bad worker count is a rejected promise, as from runExperiment, not a synchronous throw.
    await expect(runSweep({ ...sweep, workers: -1 })).rejects.toThrow(/workers must be an integer/);
    await expect(tornado({ ...oat, workers: -1 })).rejects.toThrow(/workers must be an integer/);
  });

  it('tornado gives the paired change high − low per lever, KPI and strategy, largest first', async () => {
    const result = await tornado({
      scenario,
      strategies,
      replications: 8,
      seed: 4,
      kpis: ['totalSpendEur', 'nations.AA.timeToTarget.day'],
      levers: [
        { name: 'stock', path: initialStock, low: 40_000, high: 80_000 },
        { strategy: 'partial', path: 'share', range: { min: 0.3, max: 0.9 } },
      ],
    });
    const spend = result.kpis.totalSpendEur!;
    // The strategy lever does not touch the national strategy: under CRN its change is exactly 0.
    const national = spend.national!.bars.find((b) => b.lever === 'partial:share')!;
    expect([national.effect, national.halfWidth]).toEqual([0, 0]);
    expect(spend.national!.bars[0]!.lever).toBe('stock');
    for (const bar of spend.partial!.bars) {
      expect(bar.n).toBe(8);
      expect(bar.effect).toBeCloseTo(bar.highMean - bar.lowMean, 0);
      expect(bar.lower).toBeLessThanOrEqual(bar.effect);
    }
    const sizes = spend.partial!.bars.map((b) => Math.abs(b.effect));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(spend.partial!.bars.find((b) => b.lever === 'partial:share')).toMatchObject({
      low: 0.3,
      high: 0.9,
    });
  });

  it('runSweep and tornado check every experiment before the first runs, and name a malformed design, lever list or KPI', async () => {
    let ran = 0;
    const common = { scenario, strategies, replications: 2, seed: 4 };
    const stock = (values: number[]) => [{ name: 'stock', path: initialStock, values }];
    // A bad value at the last point fails before the first point runs, so no finished point is lost.
    await expect(
      runSweep({ ...common, levers: stock([40_000, -5]), design: { type: 'grid' }, onPoint: () => ran++ }),
    ).rejects.toThrow(/initialRounds/);
    // The error names the point and its values, not options.scenario (which is valid).
    await expect(
      runSweep({ ...common, levers: stock([40_000, -5]), design: { type: 'grid' } }),
    ).rejects.toThrow(
      expect.objectContaining({ source: 'runSweep: the scenario at design point 2 of 2 (stock = -5)' }),
    );
    const swing = [{ name: 'stock', path: initialStock, low: 40_000, high: -5 }];
    const count = { onExperiment: () => ran++ };
    await expect(tornado({ ...common, ...count, levers: swing, kpis: ['totalSpendEur'] })).rejects.toThrow(
      /initialRounds/,
    );
    await expect(tornado({ ...common, levers: swing, kpis: ['totalSpendEur'] })).rejects.toThrow(
      expect.objectContaining({ source: 'tornado: the scenario with stock at its high value, -5' }),
    );
    const good = [{ name: 'stock', path: initialStock, low: 40_000, high: 80_000 }];
    await expect(tornado({ ...common, ...count, levers: good, kpis: ['nope'] })).rejects.toThrow(
      /"nope" is not a KPI/,
    );
    await expect(tornado({ ...common, ...count, levers: good, kpis: [] })).rejects.toThrow(
      /options\.kpis must be a non-empty array/,
    );
    expect(ran).toBe(0);
    const malformed: [unknown, unknown, RegExp][] = [
      [
        stock([1]),
        undefined,
        /options\.design must be \{ type: 'grid' \} or \{ type: 'latin-hypercube', points \}/,
      ],
      [stock([1]), { type: 'gird' }, /options\.design must be/],
      [[], { type: 'grid' }, /runSweep: options\.levers must be a non-empty array/],
      [undefined, { type: 'grid' }, /runSweep: options\.levers must be a non-empty array/],
    ];
    for (const [levers, design, message] of malformed) {
      await expect(runSweep({ ...common, levers, design } as unknown as SweepOptions)).rejects.toThrow(
        message,
      );
    }
    await expect(tornado({ ...common, levers: [], kpis: ['totalSpendEur'] })).rejects.toThrow(
      /tornado: options\.levers must be a non-empty array/,
    );
  });

  it("runSweep and tornado check each point's strategy parameters against its scenario before the first point runs", async () => {
    let ran = 0;
    const common = {
      scenario,
      strategies: [
        {
          module: 'switch',
          name: 'switch',
          params: { date: '2026-01-01', before: 'national-only', after: 'pooled' },
        },
      ],
      replications: 2,
      seed: 4,
    };
    // The scenario's last review is 2026-12-01: a switch in 2027 would never happen.
    const date = {
      strategy: 'switch',
      path: 'date',
      values: ['2026-01-01', '2027-02-01'],
      low: '2026-01-01',
      high: '2027-02-01',
    };
    await expect(
      runSweep({ ...common, levers: [date], design: { type: 'grid' }, onPoint: () => ran++ }),
    ).rejects.toThrow(
      /runSweep: options has 1 problem:\n {2}- strategies\[\d\]\.params\.date: 2027-02-01 is after the last monthly review/,
    );
    await expect(
      tornado({ ...common, levers: [date], kpis: ['totalSpendEur'], onExperiment: () => ran++ }),
    ).rejects.toThrow(/date: 2027-02-01 is after the last monthly review/);
    expect(ran).toBe(0);
  });

  it('runSweep counts the design before building it and refuses more than 10,000 points', async () => {
    let ran = 0;
    const twenty = Array.from({ length: 20 }, (_, i) => 1000 * (i + 1));
    const levers = Array.from({ length: 8 }, (_, i) => ({
      name: `l${i}`,
      path: initialStock,
      values: twenty,
    }));
    const started = Date.now();
    await expect(
      runSweep({
        scenario,
        strategies,
        replications: 2,
        levers,
        design: { type: 'grid' },
        onPoint: () => ran++,
      }),
    ).rejects.toThrow(
      'runSweep: options.design is a grid of 25,600,000,000 points (20 × 20 × 20 × 20 × 20 × 20 × 20 × 20 values of the levers), but a sweep may have at most 10,000 (got {"type":"grid"}). Give the levers fewer values, or sample their ranges with a Latin hypercube of at most 10,000 points: { type: \'latin-hypercube\', points } (--points on the command line).',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    // 400 levers of 10 values: no "∞ points", and not 400 factors.
    const many = Array.from({ length: 400 }, (_, i) => ({
      name: `l${i}`,
      path: initialStock,
      values: twenty,
    }));
    const error = (await runSweep({
      scenario,
      strategies,
      replications: 2,
      levers: many,
      design: { type: 'grid' },
    }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^runSweep: options\.design is a grid of more than 10,000 points \(20 × 20 × 20 × 20 × 20 × 20 × … values of its 400 levers\), but a sweep may have at most 10,000 \(got \{"type":"grid"\}\)\. Give the levers fewer values/,
    );
    expect(error.message).not.toContain('∞');
    await expect(
      runSweep({
        scenario,
        strategies,
        replications: 2,
        levers: [{ path: initialStock, range: { min: 1, max: 2 } }],
        design: { type: 'latin-hypercube', points: 10_001 },
      }),
    ).rejects.toThrow(
      /^runSweep: options\.design\.points must be at most 10,000 \(got 10001\)\. Sample fewer/,
    );
    expect(ran).toBe(0);
  });

  it('runSweep and tornado refuse two levers with one name or on one input', async () => {
    const common = { scenario, strategies, replications: 2 };
    const cases: [Record<string, unknown>[], RegExp][] = [
      [
        [
          { path: initialStock, values: [1] },
          { path: initialStock, values: [2] },
        ],
        /options\.levers\[1\] has the name of levers\[0\], "nations\[id=AA\].*\(got .*\)\. Give each input one lever/,
      ],
      [
        [
          { name: 'a', path: initialStock, values: [1] },
          { name: 'b', path: initialStock, values: [2] },
        ],
        /options\.levers\[1\] sets the same input as levers\[0\], scenario path "nations\[id=AA\]/,
      ],
      [
        [
          { name: 'a', strategy: 'partial', path: 'share', values: [0.1] },
          { name: 'b', strategy: STRATEGIES_MODULE, path: 'share', values: [0.2] },
        ],
        /options\.levers\[1\]\.strategy is the module of 2 strategies/,
      ],
      [
        [
          { name: 'a', strategy: 'partial', path: 'share', values: [0.1] },
          { name: 'b', strategy: 'partial', path: 'share', values: [0.2] },
        ],
        /options\.levers\[1\] sets the same input as levers\[0\], strategy "partial" path "share"/,
      ],
    ];
    for (const [levers, message] of cases) {
      await expect(runSweep({ ...common, levers, design: { type: 'grid' } } as never)).rejects.toThrow(
        message,
      );
      await expect(tornado({ ...common, levers, kpis: ['totalSpendEur'] } as never)).rejects.toThrow(message);
    }
  });

  it('a strategy lever names a module strategy as results do, or by its module when only one strategy is it', async () => {
    const unnamed = [
      { module: STRATEGIES_MODULE, name: 'national' },
      { module: STRATEGIES_MODULE, export: 'partialOrders', params: { share: 0.5 } },
    ];
    const common = {
      scenario,
      strategies: unnamed,
      replications: 2,
      seed: 4,
      design: { type: 'grid' } as const,
    };
    const byName = await runSweep({
      ...common,
      levers: [{ strategy: 'partial-0.5', path: 'share', values: [0.2, 0.9] }],
    });
    expect(byName.levers).toEqual(['partial-0.5:share']);
    // The lever keeps the name the strategy has at the scenario's values; each point's results name the
    // strategy after its levered parameters, as the strategy names itself.
    expect(byName.points.map((p) => p.result.strategies.map((s) => s.name))).toEqual([
      ['national', 'partial-0.2'],
      ['national', 'partial-0.9'],
    ]);
    // A baseline named by that name keeps it: the name is how the baseline is found at every point.
    const asBaseline = await runSweep({
      ...common,
      baseline: 'partial-0.5',
      levers: [{ strategy: 'partial-0.5', path: 'share', values: [0.2] }],
    });
    expect(asBaseline.points[0]!.result.comparisons.baseline).toBe('partial-0.5');
    const spend = (p: (typeof byName.points)[number]) => p.result.strategies[1]!.kpis.totalSpendEur!.mean;
    // The levered share changes what the strategy orders, so the points' spends differ (either way: smaller
    // orders are re-placed each month, and their call-offs bring rounds sooner).
    expect(spend(byName.points[0]!)).not.toBe(spend(byName.points[1]!));
    // One strategy is the module with the export partialOrders, but two are the module: its name is needed.
    await expect(
      runSweep({ ...common, levers: [{ strategy: STRATEGIES_MODULE, path: 'share', values: [0.2] }] }),
    ).rejects.toThrow(
      /levers\[0\]\.strategy is the module of 2 strategies .*Name the strategy as results do: national, partial-0\.5\./,
    );
    const built = await runSweep({
      ...common,
      strategies: [
        'national-only',
        { module: 'switch', params: { date: '2026-01-01', before: 'national-only', after: 'pooled' } },
      ],
      levers: [{ strategy: 'switch', path: 'date', values: ['2026-01-01', '2026-07-01'] }],
    });
    expect(built.levers).toEqual(['national-only->pooled@2026-01-01:date']);
    // The switch at each point is named after the date it switched at, not the scenario's.
    expect(built.points.map((p) => p.result.strategies[1]!.name)).toEqual([
      'national-only->pooled@2026-01-01',
      'national-only->pooled@2026-07-01',
    ]);
    expect(built.points.map((p) => p.result.manifest.strategies[1]!.name)).toEqual([
      'national-only->pooled@2026-01-01',
      'national-only->pooled@2026-07-01',
    ]);
    // Two switches of one module: where the levered one would name itself as the other (the same date),
    // it keeps the name it has at the scenario's values, as the lever does, instead of a duplicate name.
    const switchAt = (date: string) => ({
      module: 'switch',
      params: { date, before: 'national-only', after: 'pooled' },
    });
    const two = await runSweep({
      ...common,
      strategies: [switchAt('2026-01-01'), switchAt('2026-07-01')],
      levers: [
        { strategy: 'national-only->pooled@2026-01-01', path: 'date', values: ['2026-04-01', '2026-07-01'] },
      ],
    });
    expect(two.points.map((p) => p.result.strategies.map((s) => s.name))).toEqual([
      ['national-only->pooled@2026-04-01', 'national-only->pooled@2026-07-01'],
      ['national-only->pooled@2026-01-01', 'national-only->pooled@2026-07-01'],
    ]);
    await expect(
      runSweep({ ...common, levers: [{ strategy: 'nope', path: 'share', values: [0.2] }] }),
    ).rejects.toThrow(/levers\[0\]\.strategy names no strategy of the experiment \(got "nope"\)/);
  });

  it('runSweep and tornado refuse a callback that is not a function before anything runs', async () => {
    const common = { scenario, strategies, replications: 2, levers: [{ path: initialStock, values: [1] }] };
    await expect(runSweep({ ...common, design: { type: 'grid' }, onPoint: 5 } as never)).rejects.toThrow(
      /^runSweep: options\.onPoint must be a function \(got 5\)\. Pass \(done, total\) => \{ … \}\.$/,
    );
    await expect(tornado({ ...common, kpis: ['totalSpendEur'], onExperiment: 'x' } as never)).rejects.toThrow(
      /^tornado: options\.onExperiment must be a function \(got "x"\)\./,
    );
  });

  it('a tornado stopped by its signal says so, holds only finished levers, and reports no experiment after the stop', async () => {
    const controller = new AbortController();
    const reported: number[] = [];
    const result = await tornado({
      scenario,
      strategies,
      replications: 4,
      seed: 4,
      kpis: ['totalSpendEur'],
      levers: [
        { name: 'stock', path: initialStock, low: 40_000, high: 80_000 },
        { name: 'delay', path: 'procurement.awardDelayDays', low: 10, high: 90 },
      ],
      signal: controller.signal,
      // Stop after the first lever's two runs: the second lever's never complete.
      onExperiment: (done) => {
        reported.push(done);
        if (done === 3) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(reported).toEqual([1, 2, 3]);
    expect(result.kpis.totalSpendEur!.national!.bars.map((b) => b.lever)).toEqual(['stock']);
    const complete = await tornado({
      scenario,
      strategies,
      replications: 4,
      seed: 4,
      kpis: ['totalSpendEur'],
      levers: [{ name: 'stock', path: initialStock, low: 40_000, high: 80_000 }],
    });
    expect(complete.status).toBe('complete');
    expect(complete.kpis.totalSpendEur!.national!.bars).toEqual(result.kpis.totalSpendEur!.national!.bars);
  });

  it('runSweep and tornado name themselves, not runExperiment, for a bad experiment option', async () => {
    const levers = [{ name: 'stock', path: initialStock, values: [40_000], low: 40_000, high: 80_000 }];
    const cases: [Record<string, unknown>, string][] = [
      [{ replications: 0 }, 'options.replications must be an integer >= 1 (got 0).'],
      [{ seed: Number.NaN }, 'options.seed'],
      [
        { strategies: [] },
        'options.strategies must be a non-empty array (got []). Pass at least one strategy.',
      ],
      [
        { strategies: [42] },
        'options.strategies[0] must be a strategy (got 42). Give a module name such as "pooled"',
      ],
      [{ workers: -1 }, 'options.workers must be an integer >= 0 (got -1).'],
      [{ baseline: 'nope' }, 'options.baseline is not one of the strategies'],
      [
        { seriesEvry: 'month' },
        'options.seriesEvry is not an option (got "month"). Did you mean \'seriesEvery\'?',
      ],
      // Per-run files and records have no meaning for a sweep's many experiments.
      [{ resultsFile: 'sweep.jsonl' }, 'options.resultsFile is not an option'],
    ];
    for (const [bad, message] of cases) {
      const options = { scenario, strategies, replications: 2, levers, ...bad };
      await expect(
        runSweep({ ...options, design: { type: 'grid' } } as unknown as SweepOptions),
      ).rejects.toThrow(`runSweep: ${message}`);
      await expect(
        tornado({ ...options, kpis: ['totalSpendEur'] } as unknown as TornadoOptions),
      ).rejects.toThrow(`tornado: ${message}`);
    }
    await expect(
      runSweep({ scenario, strategies, replications: 2, lever: levers, design: { type: 'grid' } } as never),
    ).rejects.toThrow(/^runSweep: options\.lever is not an option \(got .*\)\. Did you mean 'levers'\?/);
    await expect(
      tornado({ scenario, strategies, replications: 2, levers, kpi: ['totalSpendEur'] } as never),
    ).rejects.toThrow(
      'tornado: options.kpi is not an option (got ["totalSpendEur"]). Did you mean \'kpis\'?',
    );
    const stopWhen = { halfWidth: { totalSpendEur: { relative: 0.1 } }, batch: 0 };
    await expect(
      runSweep({ scenario, strategies, replications: 2, levers, design: { type: 'grid' }, stopWhen }),
    ).rejects.toThrow('runSweep: options.stopWhen.batch must be a positive integer');
  });
});

describe('lever and design objects: a misspelt or misplaced field is refused, not ignored', () => {
  const strategies = [{ module: STRATEGIES_MODULE, name: 'national' }];
  const common = { scenario, strategies, replications: 2, seed: 3 };
  const delay = 'procurement.awardDelayDays';

  it('tornado refuses a misspelt high (it ran with range.max as its high), before anything runs', async () => {
    let ran = 0;
    await expect(
      tornado({
        ...common,
        levers: [{ path: delay, low: 30, hihg: 180, range: { min: 30, max: 365 } } as Lever],
        kpis: ['totalSpendEur'],
        onExperiment: () => ran++,
      }),
    ).rejects.toThrow(
      "tornado: options.levers[0].hihg is not an option (got 180). Did you mean 'high'? Options: name, path, strategy, values, range, low, high.",
    );
    expect(ran).toBe(0);
  });

  it('suggests the field a short key begins, and the KPI a key misspells', async () => {
    await expect(
      tornado({ ...common, levers: [{ path: delay, low: 30, hi: 180 } as Lever], kpis: ['fillRate'] }),
    ).rejects.toThrow("options.levers[0].hi is not an option (got 180). Did you mean 'high'?");
    await expect(
      tornado({ ...common, levers: [{ path: delay, low: 30, high: 180 }], kpis: ['fillrate'] }),
    ).rejects.toThrow(
      /^tornado: "fillrate" is not a KPI of this scenario\. Did you mean 'fillRate'\? Use one of: /,
    );
  });

  it.each([
    [
      { path: delay, valeus: [30, 90], values: [1] },
      "options.levers[0].valeus is not an option (got [30,90]). Did you mean 'values'?",
    ],
    [
      { path: delay, range: { min: 1, max: 9, integr: true } },
      "options.levers[0].range.integr is not an option (got true). Did you mean 'integer'? Options: min, max, integer.",
    ],
    [
      { path: delay, values: [1], strategie: 'x' },
      'options.levers[0].strategie is not an option (got "x"). Did you mean \'strategy\'?',
    ],
    [
      'procurement.awardDelayDays',
      'options.levers[0] must be a lever { path, values?, range?, low?, high?, name?, strategy? } (got "procurement.awardDelayDays").',
    ],
    [{ values: [1, 2] }, 'options.levers[0].path must be a non-empty string (got undefined).'],
  ])('runSweep and tornado refuse the lever %j', async (lever, message) => {
    const levers = [{ path: initialStock, values: [1], low: 1, high: 2 }, lever] as Lever[];
    const fixed = message.replace('levers[0]', 'levers[1]');
    await expect(runSweep({ ...common, levers, design: { type: 'grid' } })).rejects.toThrow(
      `runSweep: ${fixed}`,
    );
    await expect(tornado({ ...common, levers, kpis: ['totalSpendEur'] })).rejects.toThrow(
      `tornado: ${fixed}`,
    );
  });

  it('gridDesign and latinHypercube refuse a misspelt lever field too', () => {
    expect(() => gridDesign([{ path: 'a', valuse: [1] } as Lever])).toThrow(
      /^gridDesign: levers\[0\]\.valuse is not an option \(got \[1\]\)\. Did you mean 'values'\?/,
    );
    expect(() => latinHypercube([{ path: 'a', range: { min: 0, mx: 1 } } as unknown as Lever], 2, 1)).toThrow(
      /^latinHypercube: levers\[0\]\.range\.mx is not an option \(got 1\)\. Did you mean 'max'\?/,
    );
  });

  it('runSweep refuses a misspelt design field (it sampled with the experiment seed) and a field of another design type', async () => {
    let ran = 0;
    const range = [{ path: delay, range: { min: 10, max: 200, integer: true } }];
    const values = [{ path: delay, values: [30, 90] }];
    const cases: [Lever[], unknown, string][] = [
      [
        range,
        { type: 'latin-hypercube', points: 4, seeed: 99 },
        "runSweep: options.design.seeed is not an option (got 99). Did you mean 'seed'? Options: type, points, seed.",
      ],
      [
        values,
        { type: 'grid', points: 50 },
        "runSweep: options.design.points is not an option of a grid (got 50): only a Latin hypercube, { type: 'latin-hypercube', points, seed? }, takes points. Drop it, or make the design { type: 'latin-hypercube', points, seed? }.",
      ],
      [
        values,
        { type: 'grid', seed: 5 },
        'runSweep: options.design.seed is not an option of a grid (got 5): only a Latin hypercube',
      ],
      [
        values,
        { type: 'grid', tpye: 'grid' },
        'runSweep: options.design.tpye is not an option (got "grid"). Did you mean \'type\'? Options: type.',
      ],
    ];
    for (const [levers, design, message] of cases) {
      await expect(
        runSweep({ ...common, levers, design: design as SweepOptions['design'], onPoint: () => ran++ }),
      ).rejects.toThrow(message);
    }
    expect(ran).toBe(0);
    // The fields each type takes still pass, and a Latin hypercube's seed still changes its points.
    const at = async (design: SweepOptions['design']) =>
      (await runSweep({ ...common, replications: 1, levers: range, design })).points.map(
        (p) => p.values[delay],
      );
    const seeded = await at({ type: 'latin-hypercube', points: 3, seed: 99 });
    expect(seeded).not.toEqual(await at({ type: 'latin-hypercube', points: 3 }));
    expect(seeded).toEqual(await at({ type: 'latin-hypercube', points: 3, seed: 99 }));
  });
});

describe('lever errors name the function, the lever index and the lever name', () => {
  const strategies = [
    { module: STRATEGIES_MODULE, name: 'national' },
    { module: STRATEGIES_MODULE, export: 'partialOrders', name: 'partial', params: { share: 0.5 } },
  ];
  const common = { scenario, strategies, replications: 2, seed: 3 };
  const ok = { name: 'stock', path: initialStock, values: [40_000], low: 40_000, high: 80_000 };

  it.each([
    [
      { path: 'procurement.nope', values: [1], low: 1, high: 2 },
      'options.levers[1] (lever "procurement.nope"): path "procurement.nope" has no field "nope" (at step 2).',
    ],
    [
      { name: 'budget', path: 'nations[id=ZZ].budgetEurPerYear', values: [1], low: 1, high: 2 },
      'options.levers[1] (lever "budget"): path "nations[id=ZZ].budgetEurPerYear" has no element [id=ZZ] (at step 2). The ids there: AA.',
    ],
    [
      { path: 'procurement]x', values: [1], low: 1, high: 2 },
      'options.levers[1] (lever "procurement]x"): path "procurement]x" is not a path.',
    ],
    [
      { strategy: 'partial', path: 'share[3]', values: [1], low: 1, high: 2 },
      'options.levers[1] (lever "partial:share[3]"): path "share[3]" expects an array (at step 2).',
    ],
  ])('runSweep and tornado: %j', async (lever, message) => {
    const levers = [ok, lever] as Lever[];
    await expect(runSweep({ ...common, levers, design: { type: 'grid' } })).rejects.toThrow(
      `runSweep: ${message}`,
    );
    await expect(tornado({ ...common, levers, kpis: ['totalSpendEur'] })).rejects.toThrow(
      `tornado: ${message}`,
    );
  });

  it('as do the design and low/high errors of a sweep or tornado', async () => {
    await expect(
      runSweep({
        ...common,
        levers: [ok, { path: 'procurement.awardDelayDays', values: [] }],
        design: { type: 'grid' },
      }),
    ).rejects.toThrow(
      'runSweep: options.levers[1] (lever "procurement.awardDelayDays") has no values. Give values: [...] for a grid.',
    );
    await expect(
      runSweep({
        ...common,
        levers: [ok, { path: 'procurement.awardDelayDays', range: { min: 1, max: 9 } }],
        design: { type: 'grid' },
      }),
    ).rejects.toThrow(
      /^runSweep: options\.levers\[1\] \(lever "procurement\.awardDelayDays"\) has no values \(a range is sampled by a Latin hypercube, \{ type: 'latin-hypercube', points \}\)/,
    );
    await expect(
      runSweep({ ...common, levers: [ok], design: { type: 'latin-hypercube', points: 2.5 } }),
    ).rejects.toThrow(/^runSweep: options\.design\.points must be an integer from 1 to 10,000 \(got 2\.5\)/);
    await expect(
      runSweep({
        ...common,
        levers: [{ path: initialStock }],
        design: { type: 'latin-hypercube', points: 2 },
      }),
    ).rejects.toThrow(
      /^runSweep: options\.levers\[0\] \(lever "nations\[id=AA\]\.stockpiles\[item=155mm\]\.initialRounds"\) needs a range \{ min, max \} with min <= max, or values/,
    );
    await expect(
      tornado({ ...common, levers: [ok, { path: 'procurement.awardDelayDays' }], kpis: ['totalSpendEur'] }),
    ).rejects.toThrow(
      'tornado: options.levers[1] (lever "procurement.awardDelayDays") has no low/high values. Give low and high, a range, or values.',
    );
  });
});
