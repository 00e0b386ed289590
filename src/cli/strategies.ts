/**
 * Strategies named on the command line: `--strategy <name>` for a built-in, or `--strategy [name=]<module>[#export]`
 * for a module of your own, with `--param <strategy>:<path>=<value>` setting its parameters.
 *
 * @module
 */
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScenarioError, suggestKey } from '../errors.js';
import { namingStrategy, type StrategyModule } from '../experiment/strategy-spec.js';
import { builtinStrategies } from '../strategies/registry.js';
import { UsageError } from './errors.js';
import type { ParamSetting } from './options.js';

/** The strategies of `dibsim compare` when none is named. */
export const DEFAULT_STRATEGIES: readonly string[] = ['national-only', 'bilateral', 'pooled'];

/** A strategy as typed, and what the experiment runs. */
export interface CliStrategy {
  /** The `--strategy` value as typed. */
  readonly text: string;
  /** The module spec passed to the experiment (its `name` always set). */
  readonly spec: StrategyModule & { readonly name: string };
}

/**
 * Resolves `--strategy` values and `--param` settings into module specs that worker threads can load.
 *
 * @throws {@link UsageError} for an unknown built-in, a repeated name, or a parameter of a strategy not named.
 */
export function resolveStrategies(
  texts: readonly string[],
  params: readonly ParamSetting[] = [],
): CliStrategy[] {
  const strategies = texts.map((text) => ({ text, spec: strategyFromText(text) }));
  const seen = new Set<string>();
  for (const s of strategies) {
    if (seen.has(s.spec.name)) {
      throw new UsageError(
        `--strategy ${s.text}: the name "${s.spec.name}" is used twice. Name one explicitly, e.g. --strategy other=${s.text}.`,
      );
    }
    seen.add(s.spec.name);
  }
  for (const p of params) {
    const target = strategies.find((s) => s.spec.name === p.strategy);
    if (target === undefined) {
      throw new UsageError(
        `--param ${p.strategy}:${p.path}: no strategy is named "${p.strategy}". Use one of: ${strategies.map((s) => s.spec.name).join(', ')}.`,
      );
    }
    const index = strategies.indexOf(target);
    strategies[index] = {
      text: target.text,
      spec: { ...target.spec, params: withPath(target.spec.params, p.path.split('.'), p.value) },
    };
  }
  return strategies;
}

function strategyFromText(text: string): StrategyModule & { name: string } {
  const named = /^([\w.-]+)=(.+)$/.exec(text);
  const badName = /^([^=/]*)=/.exec(text);
  if (named === null && badName !== null) {
    throw new UsageError(
      `--strategy ${text}: the name "${badName[1]}" may hold only letters, digits, '_', '.' and '-'. Write e.g. --strategy mine=${text.slice(badName[0].length)}.`,
    );
  }
  const ref = named?.[2] ?? text;
  if (builtinStrategies.includes(ref)) return { module: ref, name: named?.[1] ?? ref };
  if (!looksLikeModule(ref)) {
    // The same suggestion loadStrategy gives (case is ignored, so "Pooled" finds "pooled").
    const near = suggestKey(ref, builtinStrategies);
    throw new UsageError(
      `--strategy ${text}: unknown strategy "${ref}". ${near === undefined ? '' : `Did you mean "${near}"? `}Use one of ${builtinStrategies.join(', ')}, or a module of your own such as ./my-strategy.mjs#createStrategy.`,
    );
  }
  const hash = ref.lastIndexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const exportName = hash < 0 ? undefined : ref.slice(hash + 1);
  // Absolute file URLs, so worker threads find the module whatever their working directory.
  const module = file.startsWith('file:') ? file : pathToFileURL(resolve(file)).href;
  const name = named?.[1] ?? exportName ?? basename(file, extname(file));
  return { module, name, ...(exportName === undefined || exportName === '' ? {} : { export: exportName }) };
}

function looksLikeModule(ref: string): boolean {
  return /^(\.{0,2}\/|file:|[A-Za-z]:\\)/.test(ref) || /\.(m?js|cjs)(#.*)?$/.test(ref);
}

function withPath(root: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const record =
    typeof root === 'object' && root !== null && !Array.isArray(root)
      ? (root as Record<string, unknown>)
      : {};
  return { ...record, [head]: withPath(record[head], rest, value) };
}

/**
 * An experiment's error about its strategies, in the words of the command line: a parameter's path
 * `strategies[i].params.<path>` becomes `<name>:<path>`, as `--param` and `--lever` write it, and a bad
 * module reference `strategies[i]…` becomes `--strategy <text>`. Any other error is returned unchanged.
 */
export function inCliTerms(error: unknown, strategies: readonly CliStrategy[]): unknown {
  const located = /^strategies\[(\d+)\](.*)$/;
  if (!(error instanceof ScenarioError) || !error.issues.every((i) => located.test(i.path))) return error;
  const issues = error.issues.map((issue) => {
    const [, index, rest] = located.exec(issue.path) as RegExpExecArray;
    const strategy = strategies[Number(index)];
    if (strategy === undefined) return issue;
    const { name } = strategy.spec;
    const param = rest!.startsWith('.params.') ? rest!.slice('.params.'.length) : undefined;
    return {
      ...issue,
      path: param === undefined ? `--strategy ${strategy.text}` : `${name}:${param}`,
      // The library names the strategy in the message; here the path does.
      message: issue.message.replace(namingStrategy(name), ''),
    };
  });
  return new ScenarioError(issues, 'strategies');
}
