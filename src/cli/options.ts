/**
 * Parsers of option values. Each throws commander's `InvalidArgumentError` with the rule and the fix, so
 * the message reads `option '--replications <n>' argument '0' is invalid. Use a positive whole number …`.
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';
import type { Lever } from '../experiment/levers.js';
import type { ShardSpec } from '../experiment/manifest.js';

/** Output formats of results on stdout. */
export const FORMATS = ['table', 'json', 'csv'] as const;
/** An output format: a text table, one JSON document, or the main KPI table as CSV. */
export type Format = (typeof FORMATS)[number];

/** Progress display modes. */
export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'none'] as const;
/** `auto`: a bar when stderr is a terminal, else nothing; `lines`: a line per percent done. */
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** A parser of whole numbers ≥ 1 for one option; `hint` ends its error, e.g. `'e.g. 200'`. */
export function positiveInt(hint: string): (text: string) => number {
  return (text) => {
    const n = wholeNumber(text);
    if (n === undefined || n < 1) throw new InvalidArgumentError(`Use a positive whole number, ${hint}.`);
    return n;
  };
}

/**
 * A parser of whole numbers ≥ 0 for one option; `hint` ends its error with what the option's values
 * mean, e.g. `'e.g. 2 (0: no worker threads)'`.
 */
export function nonNegativeInt(hint: string): (text: string) => number {
  return (text) => {
    const n = wholeNumber(text);
    if (n === undefined) throw new InvalidArgumentError(`Use a whole number ≥ 0, ${hint}.`);
    return n;
  };
}

function wholeNumber(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A seed: a number or a word. Text that reads as a decimal number is that number, normalised as the
 * library normalises numeric seeds (`String(42.0)` is `'42'`), so `42`, `42.0`, `042` and `+42` are one
 * seed, the same as `seed: 42` in code; any other text (`abc`, `0x2a`) is a word, used as typed.
 */
export function seed(text: string): string {
  const typed = text.trim();
  if (typed === '') throw new InvalidArgumentError('Use a number or a word, e.g. --seed 2024.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(typed)) return typed;
  const normalised = String(Number(typed));
  // A number a double cannot hold exactly would silently be the same seed as a nearby one (or Infinity).
  if (significantDigits(typed) !== significantDigits(normalised)) {
    throw new InvalidArgumentError(
      `As a number it would be ${normalised}, not exactly what was typed. Use at most 15 significant digits, or a word such as run-${typed.replace(/^[+-]/, '')}.`,
    );
  }
  return normalised;
}

/** The digits of a decimal number without sign, point, exponent, or leading and trailing zeros. */
function significantDigits(text: string): string {
  return text
    .replace(/e.*$/i, '')
    .replace(/[^\d]/g, '')
    .replace(/^0+|0+$/g, '');
}

/** `i/n` with 1 ≤ i ≤ n (1-based), as a 0-based {@link ShardSpec}. */
export function shard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || !(n >= 1) || !(i >= 1 && i <= n)) {
    throw new InvalidArgumentError('Write shard i of n as i/n with 1 ≤ i ≤ n, e.g. --shard 2/4.');
  }
  return { index: i - 1, count: n };
}

/** Appends a parsed value to the list of a repeatable option. */
export function collect<T>(parse: (text: string) => T): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => [...(previous ?? []), parse(text)];
}

/** A value typed on the command line: JSON if it parses (`84`, `true`, `[1,2]`, `"x"`), else the text. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A strategy parameter: `<strategy>:<path>=<value>`, e.g. `pooled:frameworkLengthMonths=84`. */
export interface ParamSetting {
  /** Strategy name. */
  readonly strategy: string;
  /** Dotted path into the strategy's parameters. */
  readonly path: string;
  /** The value. */
  readonly value: unknown;
}

/** Parses `--param <strategy>:<path>=<value>`. */
export function param(text: string): ParamSetting {
  const m = /^([^:=]+):([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)=(.*)$/s.exec(text);
  if (m === null) {
    throw new InvalidArgumentError(
      'Write <strategy>:<parameter>=<value>, e.g. --param pooled:frameworkLengthMonths=84 (nested: a.b=1).',
    );
  }
  return { strategy: m[1]!, path: m[2]!, value: parseValue(m[3]!) };
}

/**
 * Parses `--lever [<strategy>:]<path>=<values>`: values as `v1,v2,…` (a grid, or levels), or a range
 * `min..max` (add `:int` to round sampled values to whole numbers).
 */
export function lever(text: string): Lever {
  const eq = topLevelEquals(text);
  const target = text.slice(0, eq);
  const spec = text.slice(eq + 1);
  const fix =
    'Write <path>=v1,v2,… or <path>=min..max[:int], e.g. --lever procurement.awardDelayDays=30,90 or --lever pooled:frameworkLengthMonths=12..48:int.';
  if (eq <= 0 || spec === '') throw new InvalidArgumentError(fix);
  // A strategy lever is `<strategy>:<path>`; a scenario path never contains ':'.
  const colon = target.indexOf(':');
  const where =
    colon < 0 ? { path: target } : { strategy: target.slice(0, colon), path: target.slice(colon + 1) };
  if (where.path === '' || where.strategy === '') throw new InvalidArgumentError(fix);
  const range = /^(-?[\d.eE+-]+)\.\.(-?[\d.eE+-]+)(:int)?$/.exec(spec);
  if (range !== null) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new InvalidArgumentError(`The range ${spec} needs finite numbers with min ≤ max. ${fix}`);
    }
    return { ...where, range: { min, max, ...(range[3] === undefined ? {} : { integer: true }) } };
  }
  const values = spec.split(',').map((v) => parseValue(v.trim()));
  if (values.some((v) => v === '')) throw new InvalidArgumentError(`Empty value in ${spec}. ${fix}`);
  return { ...where, values };
}

/** Index of the first `=` outside `[…]` (paths may hold `[id=DE]`), or -1. */
function topLevelEquals(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '=' && depth === 0) return i;
  }
  return -1;
}
