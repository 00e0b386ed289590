/**
 * The shared vocabulary of the validation rules: issues with paths in segments, and the
 * {@link ScenarioView} the rules read.
 *
 * @module
 * @internal
 */

import type {
  ComponentSpec,
  DemandShockSpec,
  FirmSpec,
  ItemSpec,
  NationSpec,
  PledgeSpec,
  RecipientSpec,
  Scenario,
  SupplierSpec,
} from './scenario.js';

/** A path into the scenario as segments: `['firms', 2, 'lines', 0, 'id']`. */
export type PathSegments = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats path segments as `firms[2].lines[0].nameplateRoundsPerMonth`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment))
      text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === '' ? '(root)' : text;
}

/** An issue with its path still in segments (formatted at the end, after sorting). */
export interface RawIssue {
  /** Where. */
  readonly path: PathSegments;
  /** What is wrong, with the value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Collections whose entities have ids, in document order. */
export const COLLECTIONS = [
  'items',
  'components',
  'nations',
  'firms',
  'suppliers',
  'recipients',
  'pledges',
  'shocks',
] as const;

/** A collection whose entities have ids. */
export type Collection = (typeof COLLECTIONS)[number];

/** The scenario as far as it parsed: entities that failed the schema are `undefined`. */
export interface ScenarioView {
  /** Scenario start, if valid. */
  readonly startDate: string | undefined;
  /** Scenario end, if valid. */
  readonly endDate: string | undefined;
  /** Items. */
  readonly items: readonly (ItemSpec | undefined)[];
  /** Components. */
  readonly components: readonly (ComponentSpec | undefined)[];
  /** Nations. */
  readonly nations: readonly (NationSpec | undefined)[];
  /** Firms. */
  readonly firms: readonly (FirmSpec | undefined)[];
  /** Suppliers. */
  readonly suppliers: readonly (SupplierSpec | undefined)[];
  /** Recipients. */
  readonly recipients: readonly (RecipientSpec | undefined)[];
  /** Pledges. */
  readonly pledges: readonly (PledgeSpec | undefined)[];
  /** Shocks. */
  readonly shocks: readonly (DemandShockSpec | undefined)[];
  /** Every string id present in the data, valid entity or not, so a broken entity is not also "unknown". */
  readonly ids: Readonly<Record<Collection, ReadonlySet<string>>>;
  /**
   * Collections that are not lists at all (reported on their own): their ids are unknown, so references
   * to them and rules over all of them are not checked.
   */
  readonly unreadable?: ReadonlySet<Collection>;
}

/** A view of a scenario that passed the schema. */
export function viewOf(s: Scenario): ScenarioView {
  const ids = (list: readonly { readonly id: string }[]) => new Set(list.map((e) => e.id));
  return {
    ...s,
    ids: {
      items: ids(s.items),
      components: ids(s.components),
      nations: ids(s.nations),
      firms: ids(s.firms),
      suppliers: ids(s.suppliers),
      recipients: ids(s.recipients),
      pledges: ids(s.pledges),
      shocks: ids(s.shocks),
    },
  };
}

/** Whether `value` is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field or element `segment` of `node`, or `undefined` where `node` holds none. */
export function childOf(node: unknown, segment: string | number): unknown {
  return isRecord(node) || Array.isArray(node)
    ? (node as Record<string | number, unknown>)[segment]
    : undefined;
}

/** `"DE"` — a quoted value for messages. */
export const q = (value: string): string => `'${value}'`;

/** `DE, FR, PL` (at most 12, then `…`), or `(none)`. */
export function listIds(ids: Iterable<string>): string {
  const all = [...ids];
  if (all.length === 0) return '(none)';
  return all.length > 12 ? `${all.slice(0, 12).join(', ')}, …` : all.join(', ');
}

/** Calls `f` for each entity that parsed, with its index. */
export function each<T>(list: readonly (T | undefined)[], f: (entity: T, index: number) => void): void {
  list.forEach((entity, index) => {
    if (entity !== undefined) f(entity, index);
  });
}

/** The horizon in days since 1970 (`end` exclusive), if both dates are valid and in order. */
