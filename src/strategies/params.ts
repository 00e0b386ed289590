/**
 * Reading a strategy's plain-data parameters: defaults filled in, every problem collected with its
 * path, the offending value and a fix, then thrown together as one {@link ScenarioError}.
 *
 * @module
 * @internal
 */
import { describeValue, ScenarioError, type ScenarioIssue } from '../errors.js';
import { unknownFieldIssues } from '../model/field-suggestions.js';
import { tooLargeMessage } from '../model/limits.js';

/** Limits for {@link ParamsReader.number}. @internal */
export interface NumberRule {
  /** Smallest allowed value. */
  readonly min?: number;
  /** Largest allowed value. */
  readonly max?: number;
  /** Sanity cap (see the model's limits.ts): a value above it is refused as larger than any plausible value. */
  readonly cap?: number;
  /** Whether the value must be a whole number. */
  readonly integer?: boolean;
  /** One sentence saying what a valid value looks like. */
  readonly fix: string;
}

/**
 * Reads fields of one parameter object (`raw`, at `path`), reporting unknown fields with a suggestion
 * for the field a typo meant. Call {@link ParamsReader.done} after the last read. @internal
 */
export class ParamsReader {
  private readonly object: Readonly<Record<string, unknown>>;

  /**
   * @param source - what is being read, for the error message, e.g. `"pooled strategy params"`
   * @param raw - the parameters (`undefined` means all defaults)
   * @param allowed - the field names the object may have
   * @param path - path prefix of the fields in messages
   * @param issues - where issues go (shared with nested readers)
   */
  constructor(
    readonly source: string,
    raw: unknown,
    allowed: readonly string[],
    readonly path = '',
    readonly issues: ScenarioIssue[] = [],
  ) {
    if (raw === undefined) {
      this.object = {};
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.issue('', `must be an object (got ${describeValue(raw)})`, 'Pass plain data, e.g. {}.');
      this.object = {};
      return;
    }
    this.object = raw as Record<string, unknown>;
    const none = 'It takes no parameters: leave params out, or pass {}.';
    for (const i of unknownFieldIssues(this.object, allowed, none)) this.issue(i.path, i.message, i.fix);
  }

  /** Records a problem with field `key` (empty for the object itself). */
  issue(key: string, message: string, fix: string): void {
    const path = [this.path, key].filter((s) => s !== '').join('.');
    this.issues.push({ path: path === '' ? '(params)' : path, message, fix });
  }

  /** The raw value of `key`. */
  raw(key: string): unknown {
    return this.object[key];
  }

  /** A number with limits, or `fallback` when absent. */
  number(key: string, fallback: number, rule: NumberRule): number {
    const v = this.object[key];
    if (v === undefined) return fallback;
    const bad = (why: string) => {
      this.issue(key, `must be ${why} (got ${describeValue(v)})`, rule.fix);
      return fallback;
    };
    if (typeof v !== 'number' || !Number.isFinite(v)) return bad('a finite number');
    if (rule.integer === true && !Number.isInteger(v)) return bad('a whole number');
    if (rule.min !== undefined && v < rule.min) return bad(`>= ${rule.min}`);
    if (rule.max !== undefined && v > rule.max) return bad(`<= ${rule.max}`);
    if (rule.cap !== undefined && v > rule.cap) {
      this.issue(key, tooLargeMessage(rule.cap, describeValue(v)), rule.fix);
      return fallback;
    }
    return v;
  }

  /** A boolean, or `fallback` when absent. */
  boolean(key: string, fallback: boolean, fix: string): boolean {
    const v = this.object[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      this.issue(key, `must be true or false (got ${describeValue(v)})`, fix);
      return fallback;
    }
    return v;
  }

  /** A non-empty string, or `fallback` when absent. */
  string(key: string, fallback: string, fix: string): string {
    const v = this.object[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || v === '') {
      this.issue(key, `must be a non-empty string (got ${describeValue(v)})`, fix);
      return fallback;
    }
    return v;
  }

  /** One of `values`, or `fallback` when absent. */
  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T {
    const v = this.object[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.issue(
        key,
        `must be one of ${values.join(', ')} (got ${describeValue(v)})`,
        `Use ${fallback}, or another listed value.`,
      );
      return fallback;
    }
    return v as T;
  }

  /** A record of finite numbers ≥ 0 by key, or `undefined` when absent. */
  weights(key: string, fix: string): Readonly<Record<string, number>> | undefined {
    const v = this.object[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.issue(key, `must be an object of numbers by id (got ${describeValue(v)})`, fix);
      return undefined;
    }
    const out: Record<string, number> = {};
    for (const [k, w] of Object.entries(v)) {
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        this.issue(`${key}.${k}`, `must be a finite number >= 0 (got ${describeValue(w)})`, fix);
      } else out[k] = w;
    }
    return out;
  }

  /** A list of non-empty strings, or `undefined` when absent. */
  strings(key: string, fix: string): readonly string[] | undefined {
    const v = this.object[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
      this.issue(key, `must be a list of ids (got ${describeValue(v)})`, fix);
      return undefined;
    }
    return v as string[];
  }

  /** A reader for the nested object at `key`, sharing this reader's issues. */
  nested(key: string, allowed: readonly string[]): ParamsReader {
    const path = [this.path, key].filter((s) => s !== '').join('.');
    return new ParamsReader(this.source, this.object[key], allowed, path, this.issues);
  }

  /** Throws every collected issue as one {@link ScenarioError}. */
  done(): void {
    if (this.issues.length > 0) throw new ScenarioError(this.issues, this.source);
  }
}

/**
 * An issue for each named id that is not one of `known` (the scenario's nations, components, …), listing
 * the ids the scenario has: for strategy parameters that name scenario entities.
 */
export function unknownIds(
  named: readonly { readonly id: string; readonly path: string }[],
  kind: string,
  known: readonly { readonly id: string }[],
): ScenarioIssue[] {
  const ids = new Set(known.map((x) => x.id));
  return named
    .filter((x) => !ids.has(x.id))
    .map((x) => ({
      path: x.path,
      message: `unknown ${kind} "${x.id}"`,
      fix: `Use ${kind} ids of the scenario: ${[...ids].join(', ')}.`,
    }));
}
