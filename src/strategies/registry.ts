/**
 * Strategies by reference: a module specifier plus plain-data parameters, so that a worker thread can
 * rebuild the same strategy from a message. Built-ins are found by name; anything else is imported.
 *
 * @module
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DibsimError,
  describeValue,
  issuesUnder,
  messageOf,
  ScenarioError,
  type ScenarioIssue,
} from '../errors.js';
import { isDate } from '../model/dates.js';
import { suggestKey, unknownFieldIssues } from '../model/field-suggestions.js';
import { isProcurementStrategy, type ProcurementStrategy } from '../model/procurement.js';
import { type BilateralParams, createBilateral } from './bilateral.js';
import { createNationalOnly } from './national.js';
import { createPooled, type PooledParams } from './pooled.js';
import { switchAt } from './switch.js';

/**
 * The source of the {@link ScenarioError} for a reference that cannot be loaded; its issues' paths are the
 * reference's fields (`module`, `export`, `params`). @internal
 */
export const STRATEGY_REFERENCE = 'strategy reference';

/**
 * A strategy by reference: which module, which export, and its parameters as plain JSON-safe data.
 *
 * @example
 * const ref: StrategyRef = { module: 'pooled', params: { allocation: 'urgency' } };
 * const mine: StrategyRef = { module: './strategies/cheapest.js', params: { maxQueueMonths: 6 } };
 */
export interface StrategyRef {
  /**
   * A built-in name (`'national-only'`, `'bilateral'`, `'pooled'`, `'switch'`), the same as
   * `'dibsim/strategies/<file>'` (`national`, `bilateral`, `pooled`, `switch`), or a module specifier:
   * relative (`'./my-strategy.js'`, resolved against {@link LoadStrategyOptions.baseUrl}), absolute,
   * a `file:` URL, or a package name.
   */
  readonly module: string;
  /**
   * For an imported module, the export to use. It may be a factory `(params) => strategy` (sync or
   * async) or a strategy object (then `params` must be absent). Not allowed with a built-in, which is not
   * imported. @defaultValue `createStrategy`, else `default`
   */
  readonly export?: string;
  /**
   * The factory's parameters, plain data (see each built-in's `XxxParams`). Typed `unknown`, as the module is
   * only known at run time: write `params: { … } satisfies PooledParams` to have the compiler check them too.
   */
  readonly params?: unknown;
}

/** The fields of a {@link StrategyRef} (a record, so that the compiler keeps it in step). */
const REFERENCE_FIELDS: readonly string[] = Object.keys({
  module: true,
  export: true,
  params: true,
} satisfies Record<keyof StrategyRef, true>);

/** Options for {@link loadStrategy}. */
export interface LoadStrategyOptions {
  /** Base for relative module specifiers, a directory URL or path. @defaultValue the current working directory */
  readonly baseUrl?: string | URL | undefined;
}

/** Parameters of the built-in `'switch'` strategy (see {@link switchAt}). */
export interface SwitchParams {
  /** Switch date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Strategy until the switch (a reference, or a built-in name). */
  readonly before: StrategyRef | string;
  /** Strategy from the switch on (a reference, or a built-in name). */
  readonly after: StrategyRef | string;
}

type Loader = (params: unknown, options: LoadStrategyOptions) => Promise<ProcurementStrategy>;

const BUILTINS: Readonly<Record<string, Loader>> = {
  'national-only': async (params) => createNationalOnly(params),
  bilateral: async (params) => createBilateral(params as BilateralParams),
  pooled: async (params) => createPooled(params as PooledParams),
  switch: (params, options) => createSwitch(params as SwitchParams, options),
};
/** `dibsim/strategies/<file>` names of the built-ins. */
const FILES: Readonly<Record<string, string>> = {
  national: 'national-only',
  bilateral: 'bilateral',
  pooled: 'pooled',
  switch: 'switch',
};

/** Names of the built-in strategies {@link loadStrategy} resolves without importing anything. */
export const builtinStrategies: readonly string[] = Object.keys(BUILTINS);

/**
 * Builds the strategy a reference names: a built-in by name, or the export of an imported module called
 * with `params`. Every call returns a new strategy object, with its own state.
 *
 * @param ref - a {@link StrategyRef}, or just a module name when there are no parameters
 * @throws {@link ScenarioError} if the reference or the parameters are invalid (every problem listed), among
 *   them an `export` given with a built-in (or `dibsim/strategies/<file>`), which is built, not imported;
 *   {@link DibsimError} (`INVALID_ARGUMENT`) if the module cannot be imported, or its factory throws anything
 *   but a `ScenarioError`, with that error as cause.
 * @example
 * const pooled = await loadStrategy({ module: 'pooled', params: { frameworkLengthMonths: 24 } });
 * const custom = await loadStrategy({ module: './cheapest.js' }, { baseUrl: import.meta.url });
 */
export async function loadStrategy(
  ref: StrategyRef | string,
  options: LoadStrategyOptions = {},
): Promise<ProcurementStrategy> {
  const r = typeof ref === 'string' ? { module: ref } : ref;
  if (typeof r !== 'object' || r === null || typeof r.module !== 'string' || r.module === '') {
    throw new ScenarioError(
      [
        {
          path: 'module',
          message: `must be a non-empty string (got ${describeValue((r as { module?: unknown } | null)?.module)})`,
          fix: `Use a built-in name (${builtinStrategies.join(', ')}) or a module specifier such as "./my-strategy.js".`,
        },
      ],
      STRATEGY_REFERENCE,
    );
  }
  const unknown = unknownFieldIssues(r, REFERENCE_FIELDS);
  if (unknown.length > 0) throw new ScenarioError(unknown, STRATEGY_REFERENCE);
  const file = r.module.startsWith(BUILTIN_PREFIX) ? r.module.slice(BUILTIN_PREFIX.length) : undefined;
  const builtin = builtinOf(r.module);
  if (builtin !== undefined) {
    // A built-in is built from its params, never imported: an export given with it would be ignored.
    if (r.export !== undefined) {
      throw new ScenarioError(
        [
          {
            path: 'export',
            message: `must be left out for the built-in strategy "${r.module}", which is not imported (got ${describeValue(r.export)})`,
            fix: `Remove export. To import a module of your own, name it by its path, e.g. "./${file ?? r.module}.js" (${BUILTIN_PREFIX}<file> names the built-in as well).`,
          },
        ],
        STRATEGY_REFERENCE,
      );
    }
    return BUILTINS[builtin]!(r.params, options);
  }
  if (file !== undefined) {
    throw new ScenarioError(
      [
        {
          path: 'module',
          message: `unknown built-in strategy "${r.module}"`,
          fix: `Use one of ${Object.keys(FILES)
            .map((f) => BUILTIN_PREFIX + f)
            .join(', ')}, or a built-in name: ${builtinStrategies.join(', ')}.`,
        },
      ],
      STRATEGY_REFERENCE,
    );
  }
  const specifier = resolveSpecifier(r.module, options.baseUrl);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(specifier)) as Record<string, unknown>;
  } catch (cause) {
    throw importError(r.module, specifier, cause);
  }
  const name = r.export ?? ('createStrategy' in loaded ? 'createStrategy' : 'default');
  const exported = loaded[name];
  let strategy: unknown;
  if (typeof exported === 'function')
    strategy = await callFactory(exported as (params: unknown) => unknown, r, name);
  else if (r.params !== undefined) {
    throw new ScenarioError(
      [
        {
          path: 'params',
          message: `export "${name}" of "${r.module}" is not a factory, so it takes no params`,
          fix: 'Export a function (params) => strategy, or drop params.',
        },
      ],
      STRATEGY_REFERENCE,
    );
  } else strategy = exported;
  if (!isProcurementStrategy(strategy)) {
    throw new ScenarioError(
      [
        {
          path: r.export === undefined ? 'module' : 'export',
          message: `"${r.module}" export "${name}" is not a strategy or a factory of one (got ${describeValue(strategy)})`,
          fix: 'Export createStrategy(params) returning { name, review(context) }, or a strategy object as default.',
        },
      ],
      STRATEGY_REFERENCE,
    );
  }
  return strategy;
}

/**
 * Calls a module's factory with the reference's params. A {@link ScenarioError} is the factory's own report
 * of bad params and passes through; anything else is wrapped so that the message names the module and the
 * export, which a bare `Error: …` from user code would not.
 */
async function callFactory(
  factory: (params: unknown) => unknown,
  r: StrategyRef,
  name: string,
): Promise<unknown> {
  try {
    return await factory(r.params);
  } catch (cause) {
    if (cause instanceof ScenarioError) throw cause;
    const kind = cause instanceof Error && cause.name !== 'Error' ? `${cause.name}: ` : '';
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `loadStrategy: "${r.module}" export "${name}" threw when called with params ${describeValue(r.params)}: ${kind}${messageOf(cause).replace(/\.$/, '')}. Fix the factory, or the params it is given.`,
      { cause },
    );
  }
}

/**
 * The built-in `'switch'`: loads `before` and `after` and joins them with {@link switchAt}.
 *
 * @throws {@link ScenarioError} if `params` is not `{ date, before, after }`, or with the problems of `before`
 *   and `after` when they cannot be loaded, each under its name (`after.among`).
 */
export async function createSwitch(
  params: SwitchParams,
  options: LoadStrategyOptions = {},
): Promise<ProcurementStrategy> {
  const p = (params ?? {}) as Partial<SwitchParams>;
  const issues: ScenarioIssue[] = [];
  if (typeof p !== 'object' || Array.isArray(p))
    issues.push({ path: '(params)', message: 'must be an object', fix: 'Use { date, before, after }.' });
  else {
    issues.push(...unknownFieldIssues(p, ['date', 'before', 'after']));
    if (!isDate(p.date))
      issues.push({
        path: 'date',
        message:
          p.date === undefined
            ? 'is missing'
            : `must be a real calendar date YYYY-MM-DD (got ${describeValue(p.date)})`,
        fix: 'Give the date of the switch, e.g. "2025-01-01".',
      });
    for (const k of ['before', 'after'] as const)
      if (p[k] === undefined)
        issues.push({
          path: k,
          message: 'is missing',
          fix: 'Give a strategy reference, e.g. "national-only".',
        });
  }
  if (issues.length > 0) throw new ScenarioError(issues, 'switch strategy params');
  // Both parts are loaded, so that the problems of both are reported, each under its name (`after.among`).
  const [before, after] = await Promise.allSettled([
    loadStrategy(p.before!, options),
    loadStrategy(p.after!, options),
  ]);
  if (before.status === 'fulfilled' && after.status === 'fulfilled') {
    return switchAt(p.date!, before.value, after.value);
  }
  for (const [k, part] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (part.status === 'rejected') issues.push(...issuesUnder(k, part.reason));
  }
  throw new ScenarioError(issues, 'switch strategy params');
}

/** The prefix by which `dibsim/strategies/<file>` names a built-in. */
const BUILTIN_PREFIX = 'dibsim/strategies/';

/** The built-in a module name names (`'pooled'`, `'dibsim/strategies/national'`), else `undefined`. */
function builtinOf(module: string): string | undefined {
  if (!module.startsWith(BUILTIN_PREFIX)) return Object.hasOwn(BUILTINS, module) ? module : undefined;
  const file = module.slice(BUILTIN_PREFIX.length);
  return Object.hasOwn(FILES, file) ? FILES[file] : undefined;
}

/**
 * The `file:` URLs of the modules loading `ref` imports, resolved as {@link loadStrategy} resolves them:
 * an imported module's file, and for the built-in `'switch'` those of its `before` and `after`; none for
 * the other built-ins (their code is dibsim's own), a malformed reference, or a module that is not a file.
 * @internal
 */
export function strategyFiles(ref: StrategyRef | string, options: LoadStrategyOptions = {}): string[] {
  const r = typeof ref === 'string' ? { module: ref } : ref;
  if (typeof r !== 'object' || r === null || typeof r.module !== 'string') return [];
  const builtin = builtinOf(r.module);
  if (builtin === 'switch') {
    const params = r.params as Partial<SwitchParams> | undefined;
    return [params?.before, params?.after].flatMap((side) =>
      side === undefined ? [] : strategyFiles(side, options),
    );
  }
  if (builtin !== undefined || r.module.startsWith(BUILTIN_PREFIX)) return [];
  let url = resolveSpecifier(r.module, options.baseUrl);
  try {
    // A package name, resolved from this module as the import in loadStrategy resolves it.
    if (!url.startsWith('file:')) url = import.meta.resolve(url);
  } catch {
    return [];
  }
  return url.startsWith('file:') ? [url] : [];
}

function resolveSpecifier(module: string, baseUrl: string | URL | undefined): string {
  if (module.startsWith('file:')) return module;
  if (module.startsWith('/') || /^[A-Za-z]:[\\/]/.test(module)) return pathToFileURL(module).href;
  if (module.startsWith('./') || module.startsWith('../')) {
    const base =
      baseUrl === undefined
        ? pathToFileURL(`${process.cwd()}/`)
        : typeof baseUrl === 'string' && !/^[a-z]+:/i.test(baseUrl)
          ? pathToFileURL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
          : new URL(baseUrl);
    return new URL(module, base).href;
  }
  return module; // a package name
}

/**
 * Why a strategy module did not import: not found (with the built-in it may have meant), or found but
 * failing to load (a syntax error, a missing dependency, a throw at top level), with the module's own error.
 */
function importError(module: string, specifier: string, cause: unknown): DibsimError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = messageOf(cause).split('\n')[0]!.replace(/\.$/, '');
  // Node names the missing module in its message; a dependency of the module missing is a load failure.
  const missing =
    code === 'ERR_MODULE_NOT_FOUND' &&
    [module, specifier, specifierPath(specifier)].some((name) => message.includes(`'${name}'`));
  let parts: ImportFailure;
  if (missing) {
    const near = suggestKey(module, builtinStrategies);
    parts = {
      problem: `cannot find "${module}" (resolved to ${specifier})`,
      fix: `${near === undefined ? 'Check the path, or use a built-in' : `Did you mean the built-in "${near}"? Built-ins`}: ${builtinStrategies.join(', ')}.`,
    };
  } else {
    const name = cause instanceof Error && cause.name !== 'Error' ? `${cause.name}: ` : '';
    parts = {
      problem: `"${module}"${module === specifier ? '' : ` (${specifier})`} failed to load: ${name}${message}`,
      fix:
        code === 'ERR_UNKNOWN_FILE_EXTENSION'
          ? "Node cannot load that file type by itself: compile the module to JavaScript, or run under tsx (`npx tsx your-script.ts`; for the command line, `NODE_OPTIONS='--import tsx' npx dibsim …`)."
          : `Fix the module or what it imports (\`node ${specifierPath(specifier)}\` shows where).`,
    };
  }
  const error = new DibsimError('INVALID_ARGUMENT', `loadStrategy: ${parts.problem}. ${parts.fix}`, {
    cause,
  });
  importFailures.set(error, parts);
  return error;
}

/** Why a strategy module did not import, as an issue lists it: what is wrong, and the fix. @internal */
export interface ImportFailure {
  /** What is wrong, e.g. `cannot find "./x.js" (resolved to file:///…/x.js)`. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

const importFailures = new WeakMap<DibsimError, ImportFailure>();

/**
 * The problem and fix of an error {@link loadStrategy} threw because the module did not import, so that
 * an experiment can list it with its other strategies' problems; `undefined` for any other error.
 * @internal
 */
export function importFailure(error: unknown): ImportFailure | undefined {
  return error instanceof DibsimError ? importFailures.get(error) : undefined;
}

/** A file URL as a path (as Node's messages write it); other specifiers, and URLs no path names, as they are. */
function specifierPath(specifier: string): string {
  if (!specifier.startsWith('file:')) return specifier;
  try {
    return fileURLToPath(specifier);
  } catch {
    return specifier; // file://host/…: a remote host, which Node cannot load either
  }
}
