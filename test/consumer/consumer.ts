// A strict TypeScript consumer of the packed dibsim package (compiled without skipLibCheck by
// scripts/consumer-check.sh, then run with plain node). It exercises the generic public API.
import {
  CommonDemand,
  Container,
  chartSpecs,
  createPooled,
  createStreams,
  DibsimError,
  type Event,
  type ExperimentResult,
  europe155mm,
  exponential,
  nationalOnly,
  type Process,
  ReplicationError,
  type ReportFiles,
  Resource,
  renderSvg,
  replay,
  runExperiment,
  runScenario,
  Simulation,
  Store,
  type StrategyModuleReference,
  svgToPng,
  Tally,
  validateScenario,
  writeReportFolder,
} from 'dibsim';

interface Order {
  readonly id: number;
  readonly rounds: number;
}

const sim = new Simulation();
const orders = new Store<Order>(sim, { capacity: 10 });
const depot = new Container(sim, { capacity: 1_000, init: 200 });
const line = new Resource(sim, { capacity: 1 });
const rng = createStreams(7).stream('orders');
const gap = exponential(rng, { mean: 2 });
const lead = new Tally();

const producer: Process<number> = sim.process(function* () {
  for (let id = 0; id < 5; id++) {
    yield sim.timeout(gap());
    yield orders.put({ id, rounds: 10 * (id + 1) });
  }
  return 5;
});

const consumer: Process<string> = sim.process(function* () {
  let total = 0;
  for (let k = 0; k < 5; k++) {
    const order: Order = yield* orders.get();
    const req = line.request();
    try {
      yield req;
      const placed = sim.now;
      yield sim.timeout(1);
      const got: number = yield* depot.get(order.rounds);
      total += got;
      lead.add(sim.now - placed);
    } finally {
      line.release(req);
    }
  }
  return `served ${total} rounds`;
});

const signal: Event<number> = sim.event<number>();
sim.schedule(3, () => signal.succeed(42));
const both = sim.allOf([producer, consumer]);
sim.run();

const made: number = producer.value;
const summary: string = consumer.value;
const answer: number = signal.value;
if (!both.ok || made !== 5 || answer !== 42 || lead.count !== 5) throw new Error('consumer check failed');
try {
  sim.timeout(-1);
  throw new Error('negative delay accepted');
} catch (e) {
  if (!(e instanceof DibsimError) || e.code !== 'INVALID_ARGUMENT') throw e;
}
console.log(`consumer ok: ${summary}, mean lead ${lead.mean.toFixed(3)} days, depot level ${depot.level}`);

// The model and the experiment runner, typed end to end.
const scenario = validateScenario(JSON.parse(JSON.stringify(europe155mm)), 'europe-155mm (JSON copy)');
const demand = new CommonDemand();
const run = runScenario(scenario, { strategy: nationalOnly, seed: 1, demand });
const fill: number = run.kpis.fillRate;
// A second strategy on the same replication replays the recorded demand.
const pooledRun = runScenario(scenario, { strategy: createPooled(), seed: 1, demand });
if (!demand.recorded || pooledRun.kpis.fillRate < 0) throw new Error('shared demand check failed');
const experiment: ExperimentResult = await runExperiment({
  scenario,
  strategies: [
    { name: 'national-only', create: () => nationalOnly },
    { name: 'pooled', create: () => createPooled({ frameworkLengthMonths: 60 }) },
  ],
  replications: 2,
  seed: 3,
});
// Built-in strategies by name: a string is short for { module }. An option passed through as undefined
// (exactOptionalPropertyTypes is on here) means "left out".
const workersWanted: number | undefined = [1, 2].find((n) => n > 2);
const byName = await runExperiment({
  scenario,
  strategies: ['national-only', 'pooled'],
  replications: 1,
  workers: workersWanted,
});
if (byName.manifest.strategies[1]?.module !== 'pooled') throw new Error('strategy by name check failed');
const diff = experiment.comparisons.vsBaseline[0]?.kpis.fillRate?.mean ?? Number.NaN;
if (!Number.isFinite(fill) || experiment.replications !== 2) throw new Error('model check failed');
console.log(`model ok: fill rate ${fill.toFixed(4)}, pooled − national-only ${diff.toFixed(4)}`);

// A failed replication comes back as a ReplicationError; a factory strategy must be passed to replay again.
const failing = [
  {
    name: 'failing',
    create: (): never => {
      throw new RangeError('planned failure');
    },
  },
];
const failure: unknown = await runExperiment({ scenario, strategies: failing, replications: 1 }).catch(
  (e: unknown) => e,
);
if (!(failure instanceof ReplicationError)) throw new Error('replication error check failed');
const reference: StrategyModuleReference | undefined = failure.strategyModule;
const withoutStrategies = await replay(failure, scenario).catch((e: unknown) => e);
const withStrategies = await replay(failure, scenario, failing).catch((e: unknown) => e);
if (
  reference !== undefined ||
  !(withoutStrategies instanceof DibsimError) ||
  !(withStrategies instanceof RangeError)
)
  throw new Error('replay check failed');
console.log(`replay ok: ${failure.strategy} replication ${failure.replication} reproduced`);

// The report from the installed package: charts need the bundled font, found relative to the package.
const files: ReportFiles = await writeReportFolder('report-out', { result: experiment, scenario });
const firstChart = chartSpecs({ result: experiment, scenario })[0];
if (firstChart === undefined) throw new Error('no chart');
const svg: string = await renderSvg(firstChart);
const png: Uint8Array = svgToPng(svg);
if (files.all.length < 10 || !svg.includes('<text') || png.length < 1000)
  throw new Error('report check failed');
console.log(`report ok: ${files.all.length} files in report-out`);
