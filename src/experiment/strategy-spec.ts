/**
 * How an experiment names its strategies: a factory for runs in the calling thread, or a module specifier
 * that worker threads can import.
 *
 * @module
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DibsimError, describeValue } from '../errors.js';
import type { ProcurementStrategy } from '../model/procurement.js';

/**
 * A strategy given as a factory. Runs only in the calling thread (functions cannot cross to a worker); use a
 * {@link StrategyModule} with `workers`.
 */
export interface StrategyFactory {
  /** Name used in results and comparisons; unique within an experiment. */
  readonly name: string;
  /** Returns a fresh strategy; called once per replication, so state never leaks between replications. */
  readonly create: () => ProcurementStrategy | Promise<ProcurementStrategy>;
  /** Parameters, recorded in the manifest only (plain JSON data). */
  readonly params?: unknown;
}

/**
 * A strategy given as a module to import: `module` is an absolute path, a `file:` URL or a package
 * specifier; its export `export` (default `createStrategy` if the module has one, else `default`) is either
 * a factory `(params) => ProcurementStrategy` (sync or async), called once per replication with `params`,
 * or a stateless strategy object (then `params` must be absent). The same shape as the strategies
 * registry's `StrategyRef`.
 *
 * @example
 * { module: new URL('./my-strategy.js', import.meta.url).href, export: 'create', params: { share: 0.5 } }
 */
export interface StrategyModule {
  /** Absolute path, `file:` URL or package specifier of the module. */
  readonly module: string;
  /** Name of the export. @defaultValue `'createStrategy'` if the module has one, else `'default'` */
  readonly export?: string;
  /** Parameters passed to the factory (plain JSON data: they are copied to worker threads). */
  readonly params?: unknown;
  /** Name used in results; defaults to the created strategy's `name`. */
  readonly name?: string;
}

/** A strategy of an experiment: see {@link StrategyFactory} and {@link StrategyModule}. */
export type StrategySpec = StrategyFactory | StrategyModule;

/** What a manifest records about a strategy. */
export interface StrategyDescriptor {
  /** Name used in results. */
  readonly name: string;
  /** Module specifier, for a {@link StrategyModule}. */
  readonly module?: string;
  /** Export name, for a {@link StrategyModule}. */
  readonly export?: string;
  /** Parameters, if any. */
  readonly params?: unknown;
}

/** A strategy ready to run: its name and a factory of fresh instances. @internal */
export interface LoadedStrategy {
  /** Name used in results. */
  readonly name: string;
  /** Fresh instance for one replication. */
  readonly create: () => ProcurementStrategy | Promise<ProcurementStrategy>;
  /** Manifest entry. */
  readonly descriptor: StrategyDescriptor;
}

/** Whether `spec` is a {@link StrategyModule}. @internal */
export function isStrategyModule(spec: StrategySpec): spec is StrategyModule {
  return typeof (spec as Partial<StrategyModule>).module === 'string';
}

/**
 * Loads every strategy (importing modules), checks names are unique, and returns them in order.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for a malformed spec, a missing export or a duplicate name.
 * @internal
 */
export async function loadStrategies(specs: readonly StrategySpec[]): Promise<LoadedStrategy[]> {
  if (!Array.isArray(specs) || specs.length === 0) {
    throw invalid('strategies', specs, 'must be a non-empty array', 'Pass at least one strategy.');
  }
  const loaded: LoadedStrategy[] = [];
  for (const [i, spec] of specs.entries()) loaded.push(await loadStrategy(spec, `strategies[${i}]`));
  const seen = new Set<string>();
  for (const [i, s] of loaded.entries()) {
    if (seen.has(s.name)) {
      throw invalid(
        `strategies[${i}].name`,
        s.name,
        'is used twice',
        'Give each strategy a unique name (set `name` on module specs to compare one module with itself).',
      );
    }
    seen.add(s.name);
  }
  return loaded;
}

async function loadStrategy(spec: StrategySpec, path: string): Promise<LoadedStrategy> {
  if (typeof spec !== 'object' || spec === null) {
    throw invalid(path, spec, 'must be { name, create } or { module, export?, params? }', '');
  }
  if (!isStrategyModule(spec)) {
    if (typeof spec.name !== 'string' || spec.name === '' || typeof spec.create !== 'function') {
      throw invalid(path, spec, 'must be { name, create } or { module, export?, params? }', '');
    }
    const descriptor: StrategyDescriptor =
      spec.params === undefined ? { name: spec.name } : { name: spec.name, params: spec.params };
    return { name: spec.name, create: spec.create, descriptor };
  }
  const module = await importModule(spec.module, path);
  const exportName = spec.export ?? ('createStrategy' in module ? 'createStrategy' : 'default');
  const value = module[exportName];
  let create: () => ProcurementStrategy | Promise<ProcurementStrategy>;
  if (typeof value === 'function') {
    const factory = value as (params: unknown) => ProcurementStrategy | Promise<ProcurementStrategy>;
    create = async () => {
      const strategy = await factory(spec.params);
      if (isStrategy(strategy)) return strategy;
      throw invalid(
        `${path}.export`,
        strategy,
        `(${exportName} in ${spec.module}) returned something that is not a strategy`,
        'Return { name, review(context) }.',
      );
    };
  } else if (isStrategy(value)) {
    if (spec.params !== undefined) {
      throw invalid(
        `${path}.params`,
        spec.params,
        `cannot be passed: export ${JSON.stringify(exportName)} is a strategy object, not a factory`,
        'Export a function (params) => ProcurementStrategy, or drop params.',
      );
    }
    create = () => value;
  } else {
    throw invalid(
      `${path}.export`,
      exportName,
      `is not a strategy or a strategy factory in ${spec.module} (got ${describeValue(value)})`,
      'Name an export that is a ProcurementStrategy or a function returning one.',
    );
  }
  const name = spec.name ?? (await create()).name;
  const descriptor: StrategyDescriptor = {
    name,
    module: spec.module,
    export: exportName,
    ...(spec.params === undefined ? {} : { params: spec.params }),
  };
  return { name, create, descriptor };
}

async function importModule(specifier: string, path: string): Promise<Record<string, unknown>> {
  if (typeof specifier !== 'string' || specifier === '' || specifier.startsWith('.')) {
    throw invalid(
      `${path}.module`,
      specifier,
      'must be an absolute path, a file: URL or a package specifier',
      "Resolve relative paths first, e.g. new URL('./my-strategy.js', import.meta.url).href.",
    );
  }
  const url = isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${path}.module ${JSON.stringify(specifier)} could not be imported: ${String(cause)}. Check the path; worker threads need JavaScript (or TypeScript with tsx, from sources).`,
      { cause },
    );
  }
}

function isStrategy(value: unknown): value is ProcurementStrategy {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProcurementStrategy).name === 'string' &&
    typeof (value as ProcurementStrategy).review === 'function'
  );
}

function invalid(path: string, value: unknown, rule: string, fix: string): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `runExperiment: ${path} ${rule} (got ${describeValue(value)}).${fix === '' ? '' : ` ${fix}`}`,
  );
}
