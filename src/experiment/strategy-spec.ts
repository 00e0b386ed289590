/**
 * How an experiment names its strategies: a factory for runs in the calling thread, or a reference to a
 * module (the strategies registry's {@link StrategyRef}) that worker threads can load by themselves.
 *
 * @module
 */
import {
  DibsimError,
  describeValue,
  issuesUnder,
  ScenarioError,
  type ScenarioIssue,
  type StrategyModuleReference,
} from '../errors.js';
import { unknownFieldIssues } from '../model/field-suggestions.js';
import { isProcurementStrategy, type ProcurementStrategy } from '../model/procurement.js';
import type { Scenario } from '../model/scenario.js';
import {
  builtinStrategies,
  importFailure,
  loadStrategy,
  STRATEGY_REFERENCE,
  type StrategyRef,
} from '../strategies/registry.js';

/**
 * A strategy given as a factory. Runs only in the calling thread (functions cannot cross to a worker); use a
 * {@link StrategyModule} with `workers`.
 */
export interface StrategyFactory {
  /** Name used in results and comparisons; unique within an experiment. */
  readonly name: string;
  /**
   * Returns a fresh strategy; called once per replication, so state never leaks between replications, and
   * once more before the first, for the strategy's `check` against the scenario.
   */
  readonly create: () => ProcurementStrategy | Promise<ProcurementStrategy>;
  /** Parameters, recorded in the manifest only (plain JSON data). */
  readonly params?: unknown;
}

/**
 * A strategy given by reference, loaded with the registry's `loadStrategy` once per replication (so each
 * replication gets a fresh strategy): a built-in name (`'national-only'`, `'bilateral'`, `'pooled'`,
 * `'switch'`), or a module (absolute path, `file:` URL, package, or a relative path resolved against
 * `baseUrl`) whose export is a factory `(params) => strategy` or a strategy object.
 *
 * Worker threads load the module themselves. A TypeScript module loads there under tsx: on Node 20 the
 * threads register tsx themselves if it is installed beside dibsim, since loaders given with `--import`
 * do not reach them. A module the threads cannot load fails the experiment before any replication.
 *
 * @example
 * const pooled: StrategyModule = { module: 'pooled', params: { allocation: 'urgency' } };
 * const mine: StrategyModule = { module: './my-strategy.js', baseUrl: import.meta.url, name: 'mine' };
 */
export interface StrategyModule extends StrategyRef {
  /** Name used in results; defaults to the created strategy's `name`. */
  readonly name?: string;
  /** Base for a relative `module`, a URL or directory path (a string, so it can reach workers). @defaultValue the current directory */
  readonly baseUrl?: string;
}

/**
 * A strategy of an experiment: see {@link StrategyFactory} and {@link StrategyModule}. A string is short for
 * `{ module: string }` (e.g. `'pooled'`), as in the switch strategy's `before` and `after`.
 */
export type StrategySpec = StrategyFactory | StrategyModule | string;

/** A {@link StrategySpec} in object form: a string becomes `{ module: string }`. @internal */
export function specObject(spec: StrategySpec): StrategyFactory | StrategyModule {
  return typeof spec === 'string' ? { module: spec } : spec;
}

/**
 * What a manifest records about a strategy: its name, and for a {@link StrategyModule} how to load it
 * again (the same fields a {@link ReplicationError} carries); a factory's record has only its name and
 * any `params`.
 */
export interface StrategyDescriptor extends Partial<StrategyModuleReference> {
  /** Name used in results. */
  readonly name: string;
}

/** The fields of each kind of spec (records, so that the compiler keeps them in step). */
const MODULE_FIELDS: readonly string[] = Object.keys({
  module: true,
  export: true,
  params: true,
  name: true,
  baseUrl: true,
} satisfies Record<keyof StrategyModule, true>);
const FACTORY_FIELDS: readonly string[] = Object.keys({
  name: true,
  create: true,
  params: true,
} satisfies Record<keyof StrategyFactory, true>);

/** A strategy ready to run: its name and a factory of fresh instances. @internal */
export interface LoadedStrategy {
  /** Name used in results. */
  readonly name: string;
  /** Fresh instance for one replication. */
  readonly create: () => ProcurementStrategy | Promise<ProcurementStrategy>;
  /** Manifest entry. */
  readonly descriptor: StrategyDescriptor;
}

/** Whether `spec` is a {@link StrategyModule} (a string, short for one, is not). @internal */
export function isStrategyModule(spec: StrategySpec): spec is StrategyModule {
  return (
    typeof spec === 'object' && spec !== null && typeof (spec as Partial<StrategyModule>).module === 'string'
  );
}

/** What an experiment appends to a strategy's problem to name the strategy. @internal */
export function namingStrategy(name: string): string {
  return ` (strategy "${name}")`;
}

/**
 * Runs `step` on each strategy in turn and reports the problems of all of them in one {@link ScenarioError}
 * (its source `where`, e.g. `runExperiment: options`): each issue's path is put under `strategies[i].params`,
 * or `strategies[i]` for a module reference that cannot be loaded, and its message names the strategy, so
 * that two variants of one module are told apart. Any other error ends it at once.
 */
async function forEachStrategy<T>(
  items: readonly T[],
  where: string,
  label: (item: T) => string,
  step: (item: T, path: string) => Promise<void>,
): Promise<void> {
  const issues: ScenarioIssue[] = [];
  for (const [i, item] of items.entries()) {
    const path = `strategies[${i}]`;
    try {
      await step(item, path);
    } catch (error) {
      const reference = error instanceof ScenarioError && error.source === STRATEGY_REFERENCE;
      for (const issue of issuesUnder(reference ? path : `${path}.params`, error)) {
        issues.push({ ...issue, message: `${issue.message}${namingStrategy(label(item))}` });
      }
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues, where.replace(/[.:\s]+$/, ''));
}

/**
 * Loads every strategy once (so a bad reference fails before anything runs), checks names are unique, and
 * returns them in order. Errors start with `where`, e.g. `runSweep: options.`.
 *
 * @throws {@link ScenarioError} with the problems of every strategy whose reference or parameters are bad;
 *   {@link DibsimError} `INVALID_ARGUMENT` for a malformed spec or a duplicate name.
 * @internal
 */
export async function loadStrategies(
  specs: readonly StrategySpec[],
  where = 'runExperiment: options.',
): Promise<LoadedStrategy[]> {
  const invalid = invalidIn(where);
  if (!Array.isArray(specs) || specs.length === 0) {
    throw invalid('strategies', specs, 'must be a non-empty array', 'Pass at least one strategy.');
  }
  const loaded = await loadEach(specs, where);
  const seen = new Set<string>();
  for (const [i, s] of loaded.entries()) {
    if (seen.has(s.name)) {
      throw invalid(
        `strategies[${i}].name`,
        s.name,
        'is used twice',
        'Give each strategy a unique name (set `name` to compare one module with itself).',
      );
    }
    seen.add(s.name);
  }
  return loaded;
}

/**
 * The name each strategy has in results, loading them as {@link loadStrategies} does, duplicates allowed.
 * @internal
 */
export async function strategyNames(
  specs: readonly StrategySpec[],
  where = 'runExperiment: options.',
): Promise<string[]> {
  return (await loadEach(specs, where)).map((s) => s.name);
}

/** An `INVALID_ARGUMENT` error about `path`, its message starting with `where`. */
function invalidIn(where: string) {
  return (path: string, value: unknown, rule: string, fix: string) =>
    new DibsimError('INVALID_ARGUMENT', `${where}${path} ${rule} (got ${describeValue(value)}). ${fix}`);
}

/** Loads each strategy, in order, with the problems of every bad one at once. */
async function loadEach(specs: readonly StrategySpec[], where: string): Promise<LoadedStrategy[]> {
  const invalid = invalidIn(where);
  const loaded: LoadedStrategy[] = [];
  await forEachStrategy(
    specs,
    where,
    (spec) => {
      const object = specObject(spec);
      return object.name ?? (object as StrategyModule).module;
    },
    async (spec, path) => {
      loaded.push(await load(spec, path, invalid));
    },
  );
  return loaded;
}

/**
 * Checks every strategy against the scenario ({@link ProcurementStrategy.check}) on an instance made for
 * the purpose, so that a parameter that does not fit the scenario (an unknown nation, a switch date past
 * the horizon) fails before the first replication instead of inside it. Once per experiment: replications
 * do not check again. A strategy whose `create` throws is left to fail in its first replication.
 *
 * @param where - what errors start with, as for {@link loadStrategies}
 * @throws {@link ScenarioError} with the problems of every strategy whose parameters do not fit.
 * @internal
 */
export async function checkStrategies(
  strategies: readonly LoadedStrategy[],
  scenario: Scenario,
  where = 'runExperiment: options.',
): Promise<void> {
  await forEachStrategy(
    strategies,
    where,
    (s) => s.name,
    async (s) => {
      let strategy: ProcurementStrategy;
      try {
        strategy = await s.create();
      } catch {
        // It fails again in its first replication, as a ReplicationError with the seed and index to replay.
        return;
      }
      strategy.check?.(scenario);
    },
  );
}

async function load(
  given: StrategySpec,
  path: string,
  invalid: (path: string, value: unknown, rule: string, fix: string) => DibsimError,
): Promise<LoadedStrategy> {
  const spec = specObject(given);
  const malformed = () =>
    invalid(
      path,
      spec,
      'must be a strategy',
      'Give a module name such as "pooled", { module, export?, params?, name? } or { name, create }.',
    );
  if (typeof spec !== 'object' || spec === null) throw malformed();
  // A strategy itself (`nationalOnly`, as runScenario takes it): its `review` would read as a misspelt field.
  const object: unknown = spec;
  if (isProcurementStrategy(object) && !('create' in object) && !('module' in object)) {
    throw invalid(
      path,
      spec,
      'is a strategy, where an experiment takes a factory or a module',
      `Give { name, create } with create returning a fresh strategy for each replication (create: () => strategy, for a strategy that keeps no state), or the module that exports it${builtinStrategies.includes(object.name) ? ` ("${object.name}")` : ''}.`,
    );
  }
  // A misspelt field (`parms`, `exprt`) would be ignored and the strategy run on its defaults.
  const unknown = unknownFieldIssues(spec, isStrategyModule(spec) ? MODULE_FIELDS : FACTORY_FIELDS);
  if (unknown.length > 0) throw new ScenarioError(unknown, STRATEGY_REFERENCE);
  if (!isStrategyModule(spec)) {
    if (typeof spec.name !== 'string' || spec.name === '' || typeof spec.create !== 'function') {
      throw malformed();
    }
    const descriptor: StrategyDescriptor =
      spec.params === undefined ? { name: spec.name } : { name: spec.name, params: spec.params };
    return { name: spec.name, create: spec.create, descriptor };
  }
  const ref: StrategyRef = {
    module: spec.module,
    ...(spec.export === undefined ? {} : { export: spec.export }),
    ...(spec.params === undefined ? {} : { params: spec.params }),
  };
  const options = spec.baseUrl === undefined ? {} : { baseUrl: spec.baseUrl };
  const create = () => loadStrategy(ref, options);
  let first: ProcurementStrategy;
  try {
    first = await create(); // fail now, not in the first replication
  } catch (error) {
    // A module not found or failing to load: one of the strategies' problems, listed with the others'.
    const failure = importFailure(error);
    if (failure === undefined) throw error;
    throw new ScenarioError(
      [{ path: 'module', message: failure.problem, fix: failure.fix }],
      STRATEGY_REFERENCE,
    );
  }
  const name = spec.name ?? first.name;
  const descriptor: StrategyDescriptor = {
    name,
    ...ref,
    ...(spec.baseUrl === undefined ? {} : { baseUrl: spec.baseUrl }),
  };
  return { name, create, descriptor };
}
