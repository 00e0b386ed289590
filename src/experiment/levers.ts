/**
 * Levers: named paths into a scenario or into a strategy's parameters, with the values a sweep gives them.
 *
 * @module
 */
import { DibsimError, describeValue, ScenarioError, suggestKey } from '../errors.js';
import type { Scenario } from '../model/scenario.js';
import { validateScenario } from '../model/validate.js';
import {
  isStrategyModule,
  type StrategyFactory,
  type StrategyModule,
  type StrategySpec,
  specObject,
  strategyNames,
} from './strategy-spec.js';

/**
 * One input a sweep varies.
 *
 * `path` is dotted, with `[n]` for an array index and `[field=value]` to pick the array element whose
 * `field` equals `value`, e.g. `nations[id=DE].budgetEurPerYear`, `procurement.awardDelayDays`,
 * `firms[id=rheinmetall-unterluess].lines[0].nameplateRoundsPerMonth`. With `strategy`, the path goes into
 * that strategy's `params` instead (a {@link StrategyModule}; factories cannot take new parameters). A
 * scenario path may end in an optional field the scenario leaves out, such as `procurement.minOrderShare`;
 * a field the scenario schema does not have is an error. {@link runSweep}, {@link tornado},
 * {@link gridDesign} and {@link latinHypercube} refuse a lever (or `range`) with a field not listed here,
 * such as a misspelt `high`, which would otherwise be ignored.
 *
 * @example
 * const awardDelay: Lever = { path: 'procurement.awardDelayDays', values: [30, 60, 90] };
 * const frameworkLength: Lever = { strategy: 'pooled', path: 'frameworkLengthMonths', range: { min: 12, max: 48 } };
 */
export interface Lever {
  /** Name in results. @defaultValue `path`, prefixed with `<strategy>:` for a strategy lever */
  readonly name?: string;
  /** Path into the scenario, or into the strategy's params (see above). */
  readonly path: string;
  /**
   * Strategy whose params the path goes into, absent for the scenario: for {@link runSweep} and
   * {@link tornado}, the name the strategy has in results (a module strategy without a `name` is named by
   * the strategy it creates, e.g. `'shortest-queue'`), or its module specifier (`'./my-strategy.js'`,
   * `'pooled'`) when only one strategy is that module; the lever's key in results uses the name either way.
   * A strategy named by what it creates is named at each design point by what it creates there (a switch
   * after the levered date), unless the experiment's `baseline` names it.
   * {@link applyLevers} alone knows only given names and module specifiers.
   */
  readonly strategy?: string;
  /** Values for a grid, or levels a Latin hypercube picks from. */
  readonly values?: readonly unknown[];
  /** Continuous range for a Latin hypercube (and the default low/high of a tornado). */
  readonly range?: LeverRange;
  /** Low value for one-at-a-time sensitivity. @defaultValue `range.min`, else the first of `values` */
  readonly low?: unknown;
  /** High value for one-at-a-time sensitivity. @defaultValue `range.max`, else the last of `values` */
  readonly high?: unknown;
}

/** A continuous range of a {@link Lever}. */
export interface LeverRange {
  /** Smallest value. */
  readonly min: number;
  /** Largest value, ≥ `min`. */
  readonly max: number;
  /** Round sampled values to integers. @defaultValue false */
  readonly integer?: boolean;
}

/** A lever's display name. */
export function leverName(lever: Lever): string {
  return lever.name ?? (lever.strategy === undefined ? lever.path : `${lever.strategy}:${lever.path}`);
}

/**
 * How errors name lever `i` of the list `where`, by its index and its name:
 * `runSweep: options.levers[0] (lever "procurement.awardDelayDays")`.
 * @internal
 */
export function leverLabel(where: string, i: number, lever: Lever): string {
  return `${where}[${i}] (lever ${JSON.stringify(leverName(lever))})`;
}

/**
 * The low and high values of a lever for one-at-a-time sensitivity.
 * @param label - the lever as errors name it (see {@link leverLabel})
 * @throws {@link DibsimError} `INVALID_ARGUMENT` if it has neither low and high, nor a range, nor values.
 * @internal
 */
export function leverLowHigh(
  lever: Lever,
  label = `lever ${JSON.stringify(leverName(lever))}`,
): { low: unknown; high: unknown } {
  const low = lever.low ?? lever.range?.min ?? lever.values?.[0];
  const high = lever.high ?? lever.range?.max ?? lever.values?.[lever.values.length - 1];
  if (low === undefined || high === undefined) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${label} has no low/high values. Give low and high, a range, or values.`,
    );
  }
  return { low, high };
}

/** A scenario and strategies with levers applied. */
export interface LeveredInputs {
  /** The scenario with the scenario levers set. */
  readonly scenario: Scenario;
  /** The strategies with the strategy levers set in their params. */
  readonly strategies: StrategySpec[];
}

/**
 * The scenario and strategies with each lever set to its value in `values` (by lever name); a lever with no
 * value there keeps the scenario's (as a tornado moves one lever at a time). The inputs are not modified.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming a path that does not exist, an unknown strategy, or
 *   a key of `values` that is no lever's name (a misspelt name would otherwise change nothing); errors
 *   about one lever name it by index and name, `applyLevers: levers[0] (lever "…"): …`.
 */
export function applyLevers(
  scenario: Scenario,
  strategies: readonly StrategySpec[],
  levers: readonly Lever[],
  values: Readonly<Record<string, unknown>>,
): LeveredInputs {
  return applyLeversAt(scenario, strategies, levers, values, 'applyLevers: levers');
}

/**
 * {@link applyLevers}, its errors about a lever naming it as lever `i` of `where` (see {@link leverLabel}),
 * e.g. `runSweep: options.levers`.
 */
function applyLeversAt(
  scenario: Scenario,
  strategies: readonly StrategySpec[],
  levers: readonly Lever[],
  values: Readonly<Record<string, unknown>>,
  where: string,
): LeveredInputs {
  const names = levers.map(leverName);
  for (const key of Object.keys(values)) {
    if (!names.includes(key)) {
      const near = suggestKey(key, names);
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `applyLevers: values.${key} names no lever (got ${describeValue(values[key])}). ${near === undefined ? '' : `Did you mean '${near}'? `}The levers: ${names.join(', ')}.`,
      );
    }
  }
  let s: unknown = scenario;
  const specs = [...strategies].map(specObject);
  for (const [l, lever] of levers.entries()) {
    const name = leverName(lever);
    if (!(name in values)) continue;
    const value = values[name];
    const label = leverLabel(where, l, lever);
    if (lever.strategy === undefined) {
      s = setScenarioPath(s, lever.path, value, label);
      continue;
    }
    // A built-in strategy given by registry name (`'pooled'` or `{ module: 'pooled' }`) is called by that name.
    const i = specs.findIndex(
      (x) => (x.name ?? (isStrategyModule(x) ? x.module : undefined)) === lever.strategy,
    );
    const spec = specs[i];
    if (spec === undefined || !isStrategyModule(spec)) {
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${label}: no strategy given as a module has the name ${JSON.stringify(lever.strategy)} (the strategies: ${specs.map((x) => x.name ?? (isStrategyModule(x) ? x.module : '?')).join(', ')}). Name one of those given as { module, params?, name? }.`,
      );
    }
    // Parameters left at their defaults are absent from `params`: the lever adds them (the strategy
    // itself rejects a misspelt one when it is created).
    specs[i] = { ...spec, params: setPath(spec.params ?? {}, lever.path, value, label, true) };
  }
  return { scenario: s as Scenario, strategies: specs };
}

/**
 * The levers and strategies of a sweep, checked and made consistent before any point is built: no two
 * levers share a name or set the same input, and each strategy lever names its strategy by the name it has
 * in results (`names`, one per spec), so that its key in results is `<that name>:<path>`. A lever may still
 * name a strategy given as a module by its specifier (`'./my-strategy.js'`, `'pooled'`) when only one
 * strategy is that module. Module strategies get their result name as `name`, so {@link applyLevers} finds
 * them by it. Without `names` (no strategy lever), only the first check is made.
 *
 * @param where - what errors start with, e.g. `runSweep: options.levers`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for two levers on one name or input, or a strategy lever
 *   that names no strategy (or a module that several strategies are).
 * @internal
 */
export function resolveLevers(
  levers: readonly Lever[],
  strategies: readonly StrategySpec[],
  names: readonly string[] | undefined,
  where: string,
): LeveredSpecs {
  const specs = strategies.map(specObject);
  const resolved = levers.map((lever, i) => {
    if (lever.strategy === undefined || names === undefined) return lever;
    const k = strategyIndex(specs, names, lever.strategy);
    if (k < 0) {
      const modules = specs.filter((x) => isStrategyModule(x) && x.module === lever.strategy).length;
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${where}[${i}].strategy ${modules > 1 ? `is the module of ${modules} strategies` : 'names no strategy of the experiment'} (got ${describeValue(lever.strategy)}). Name the strategy as results do: ${names.join(', ')}.`,
      );
    }
    return { ...lever, strategy: names[k]! };
  });
  const byName = new Map<string, number>();
  const byInput = new Map<string, number>();
  for (const [i, lever] of resolved.entries()) {
    const name = leverName(lever);
    const input = lever.strategy === undefined ? lever.path : `${lever.strategy}:${lever.path}`;
    const first = byName.get(name) ?? byInput.get(input);
    if (first !== undefined)
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `${where}[${i}] ${byName.has(name) ? `has the name of levers[${first}], ${JSON.stringify(name)}` : `sets the same input as levers[${first}], ${lever.strategy === undefined ? 'scenario path' : `strategy ${JSON.stringify(lever.strategy)} path`} ${JSON.stringify(lever.path)}`} (got ${describeValue(levers[i])}). Give each input one lever, and each lever its own name.`,
      );
    byName.set(name, i);
    byInput.set(input, i);
  }
  const named = specs.map((x) => isStrategyModule(x) && x.name === undefined && names !== undefined);
  return {
    levers: resolved,
    strategies: specs.map((x, k) => (named[k] ? { ...x, name: names![k]! } : strategies[k]!)),
    named,
  };
}

/** Levers and strategies made consistent by {@link resolveLevers}. @internal */
export interface LeveredSpecs {
  /** The levers, each strategy lever naming its strategy's name in results. */
  readonly levers: readonly Lever[];
  /** The strategies, every module one named. */
  readonly strategies: StrategySpec[];
  /** Per strategy, whether {@link resolveLevers} gave it its name (a module strategy without one). */
  readonly named: readonly boolean[];
}

/**
 * {@link applyLevers} on strategies {@link resolveLevers} made consistent; a strategy it named and a lever
 * then set loses that name again, so that it names itself after its levered parameters (a switch after
 * the date it switches at) rather than after the scenario's. It keeps the name when the experiment's
 * `baseline` names it (which the baseline needs), or when its own would be another strategy's at this
 * point (two switches of one module at one date): names in results are unique.
 * @param where - what errors start with, e.g. `runSweep: options.`; an error about a lever names it as
 *   `<where>levers[i] (lever "…")`
 * @internal
 */
export async function applyResolvedLevers(
  scenario: Scenario,
  resolved: LeveredSpecs,
  values: Readonly<Record<string, unknown>>,
  baseline: string | undefined,
  where: string,
): Promise<LeveredInputs> {
  const levered = applyLeversAt(scenario, resolved.strategies, resolved.levers, values, `${where}levers`);
  const unnamed = levered.strategies.map((x, k) => {
    if (!resolved.named[k] || x === resolved.strategies[k] || !isStrategyModule(x) || x.name === baseline)
      return x;
    const { name: _name, ...rest } = x;
    return rest;
  });
  if (unnamed.every((x, k) => x === levered.strategies[k])) return levered;
  const names = await strategyNames(unnamed, where);
  const strategies = unnamed.map((x, k) =>
    names.some((n, j) => j !== k && n === names[k]) ? levered.strategies[k]! : x,
  );
  return { scenario: levered.scenario, strategies };
}

/** The index of the strategy `strategy` names: its name in results, else the one strategy of that module. */
function strategyIndex(
  specs: readonly (StrategyFactory | StrategyModule)[],
  names: readonly string[],
  strategy: string,
): number {
  const k = names.indexOf(strategy);
  if (k >= 0) return k;
  const modules = specs.flatMap((x, i) => (isStrategyModule(x) && x.module === strategy ? [i] : []));
  return modules.length === 1 ? modules[0]! : -1;
}

type Step =
  | { readonly key: string }
  | { readonly index: number }
  | { readonly field: string; readonly equals: string };

/**
 * {@link setPath} for a scenario lever. An optional field the scenario leaves out (such as
 * `procurement.minOrderShare`) is added when the scenario schema knows it; any other missing field is
 * the error naming the lever (`label`, see {@link setPath}), so a misspelt path never runs.
 */
function setScenarioPath(scenario: unknown, path: string, value: unknown, label: string): unknown {
  try {
    return setPath(scenario, path, value, label);
  } catch (missing) {
    let added: unknown;
    try {
      added = setPath(scenario, path, value, label, 'last');
    } catch {
      throw missing;
    }
    // Only a missing last field can have been added, so the last step names a field.
    const steps = parsePath(path, label);
    const last = steps.at(-1) as { readonly key: string };
    const unknown = `unknown field '${last.key}'`;
    try {
      validateScenario(added as Scenario);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const issue = error.issues.find((i) => i.message.startsWith(unknown));
      // The schema knows the fields the scenario leaves out, so its suggestion is the better one.
      if (issue !== undefined) {
        const meant = /did you mean '([^']+)'/.exec(issue.message)?.[1];
        throw pathError(
          label,
          path,
          `has no field ${JSON.stringify(last.key)} (at step ${steps.length})`,
          meant === undefined
            ? (issue.fix ?? 'Check the field names and ids.')
            : `Did you mean ${JSON.stringify(meant)}?`,
        );
      }
    }
    return added;
  }
}

/**
 * `value` at `path` in a copy of `root` (copied only along the path). With `addMissing`, absent fields
 * along the path are added (objects for the steps before the last); with `'last'`, only an absent last
 * field.
 * @param label - the lever as errors name it, e.g. `runSweep: options.levers[0] (lever "stock")` (see
 *   {@link leverLabel}): `<label>: path "…" has no field "x" (at step 2). …`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for a path that is not one, or that does not exist in
 *   `root` (naming the step, and what is there).
 * @internal
 */
export function setPath(
  root: unknown,
  path: string,
  value: unknown,
  label: string,
  addMissing: boolean | 'last' = false,
): unknown {
  const steps = parsePath(path, label);
  const set = (node: unknown, at: number): unknown => {
    const step = steps[at]!;
    const fail = (why: string, hint = 'Check the field names and ids.') =>
      pathError(label, path, `${why} (at step ${at + 1})`, hint);
    if ('key' in step) {
      const isRecord = typeof node === 'object' && node !== null && !Array.isArray(node);
      const mayAdd = addMissing === true || (addMissing === 'last' && at + 1 === steps.length);
      if (!isRecord)
        throw fail(`has no field ${JSON.stringify(step.key)}: ${describeValue(node)} has no fields`);
      if (!(mayAdd || step.key in node)) {
        const keys = Object.keys(node);
        const meant = suggestKey(step.key, keys);
        throw fail(
          `has no field ${JSON.stringify(step.key)}`,
          meant === undefined ? `Fields there: ${listed(keys)}.` : `Did you mean ${JSON.stringify(meant)}?`,
        );
      }
      const record = node as Record<string, unknown>;
      const below = record[step.key] ?? (mayAdd && !(step.key in record) ? {} : undefined);
      const next = at + 1 === steps.length ? value : set(below, at + 1);
      return { ...record, [step.key]: next };
    }
    if (!Array.isArray(node)) throw fail('expects an array');
    const i =
      'index' in step
        ? step.index
        : node.findIndex((e) => String((e as Record<string, unknown>)?.[step.field]) === step.equals);
    if (i < 0 || i >= node.length) {
      const there =
        'index' in step
          ? `It has ${node.length} element${node.length === 1 ? '' : 's'} there, from [0].`
          : `The ${step.field}s there: ${listed(node.map((e) => String((e as Record<string, unknown>)?.[step.field])))}.`;
      throw fail(`has no element ${describeStep(step)}`, there);
    }
    const copy = [...node];
    copy[i] = at + 1 === steps.length ? value : set(node[i], at + 1);
    return copy;
  };
  return set(root, 0);
}

/** `<label>: path "…" has no field "x" (at step 2). Did you mean "y"?` */
function pathError(label: string, path: string, why: string, hint: string): DibsimError {
  return new DibsimError('INVALID_ARGUMENT', `${label}: path ${JSON.stringify(path)} ${why}. ${hint}`);
}

/** Up to ten names, comma-separated, then how many more. */
function listed(names: readonly string[]): string {
  const more = names.length - 10;
  return names.length === 0
    ? 'none'
    : `${names.slice(0, 10).join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

function parsePath(path: string, label: string): Step[] {
  const steps: Step[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]|(\.)/gy;
  let m: RegExpExecArray | null = pattern.exec(path);
  let end = 0;
  while (m !== null) {
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ field: m[3], equals: m[4]! });
    end = pattern.lastIndex;
    m = pattern.exec(path);
  }
  if (typeof path !== 'string' || steps.length === 0 || end !== path.length) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${label}: path ${describeValue(path)} is not a path. Write e.g. nations[id=DE].budgetEurPerYear or firms[0].lines[0].nameplateRoundsPerMonth.`,
    );
  }
  return steps;
}

function describeStep(step: Step): string {
  return 'index' in step ? `[${step.index}]` : 'field' in step ? `[${step.field}=${step.equals}]` : step.key;
}
