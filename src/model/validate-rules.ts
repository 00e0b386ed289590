/**
 * Cross-field rules of a scenario: dates within the horizon, unique ids, references that resolve,
 * inputs that cover bills of materials, an acyclic component graph, and items that someone stocks.
 *
 * Rules read a {@link ScenarioView}: the scenario with every entity that failed the schema replaced
 * by `undefined`, so one validation run reports schema problems and cross-field problems together
 * without tripping over malformed data.
 *
 * @module
 * @internal
 */

import { dateOf, parseDate } from './dates.js';
import { MAX_DAYS } from './limits.js';
import type { ComponentSpec, ItemSpec } from './scenario.js';
import { idRules, referenceRules } from './validate-references.js';
import { each, listIds, type PathSegments, q, type RawIssue, type ScenarioView } from './validate-view.js';

function horizonOf(view: ScenarioView): { start: number; end: number } | undefined {
  if (view.startDate === undefined || view.endDate === undefined) return undefined;
  const start = parseDate(view.startDate);
  const end = parseDate(view.endDate);
  return end > start ? { start, end } : undefined;
}

function dateRules(view: ScenarioView, out: RawIssue[]): void {
  const { startDate, endDate } = view;
  if (startDate !== undefined && endDate !== undefined) {
    const days = parseDate(endDate) - parseDate(startDate);
    if (days <= 0) {
      out.push({
        path: ['endDate'],
        message: `endDate ${q(endDate)} must be after startDate ${q(startDate)}`,
        fix: 'Set endDate to the day after the last simulated day (it is exclusive).',
      });
    } else if (days > MAX_DAYS) {
      // 9999-12-31 validated, and one replication then ran for minutes.
      out.push({
        path: ['endDate'],
        message: `endDate ${q(endDate)} is ${days} days after startDate ${q(startDate)}: the horizon must be at most ${MAX_DAYS} days (100 years)`,
        fix: `Set endDate at most 100 years after startDate, ${dateOf(startDate, MAX_DAYS)} at the latest.`,
      });
    }
  }
  const horizon = horizonOf(view);
  if (horizon === undefined) return;
  const range = `[${startDate}, ${endDate})`;
  const within = (date: string, path: PathSegments, what: string) => {
    const day = parseDate(date);
    if (day < horizon.start || day >= horizon.end) {
      out.push({
        path,
        message: `${what} ${q(date)} is outside the horizon ${range}`,
        fix: `Use a date from startDate ${startDate} up to the day before endDate ${endDate}, or widen the horizon.`,
      });
    }
  };
  each(view.pledges, (p, i) => {
    within(p.startDate, ['pledges', i, 'startDate'], 'pledge start');
    within(p.deadlineDate, ['pledges', i, 'deadlineDate'], 'pledge deadline');
    if (parseDate(p.deadlineDate) <= parseDate(p.startDate)) {
      out.push({
        path: ['pledges', i, 'deadlineDate'],
        message: `deadline ${q(p.deadlineDate)} is not after the pledge start ${q(p.startDate)}`,
        fix: 'Give a deadline later than the date the pledge is made.',
      });
    }
  });
  each(view.shocks, (s, i) => {
    within(s.startDate, ['shocks', i, 'startDate'], 'shock start');
    if (s.endDate !== undefined) {
      within(s.endDate, ['shocks', i, 'endDate'], 'shock end');
      if (parseDate(s.endDate) < parseDate(s.startDate)) {
        out.push({
          path: ['shocks', i, 'endDate'],
          message: `shock end ${q(s.endDate)} is before its start ${q(s.startDate)}`,
          fix: 'The end date is the last day of the shock (inclusive): on or after its start.',
        });
      }
    }
  });
  each(view.firms, (f, i) =>
    f.lines.forEach((line, j) => {
      if (line.commissionedDate !== undefined && parseDate(line.commissionedDate) >= horizon.end) {
        out.push({
          path: ['firms', i, 'lines', j, 'commissionedDate'],
          message: `line commissioned on ${q(line.commissionedDate)}, on or after endDate ${q(endDate!)}`,
          fix: 'A line that starts after the horizon never produces: remove it or commission it earlier (dates before startDate are fine).',
        });
      }
    }),
  );
}

/** Reports every value that appears more than once in `list` (by `key`), at its later occurrences. */
function coverRules(
  owner: string,
  needed: readonly string[],
  inputs: readonly { readonly component: string; readonly supplier: string }[],
  path: PathSegments,
  suppliersOf: ReadonlyMap<string, string>,
  componentIds: ReadonlySet<string>,
  out: RawIssue[],
): void {
  for (const c of needed) {
    if (!inputs.some((input) => input.component === c)) {
      const candidates = [...suppliersOf].filter(([, comp]) => comp === c).map(([id]) => id);
      out.push({
        path,
        message: `${owner} has no input for component ${q(c)} of its bill of materials`,
        fix: `Add { "component": "${c}", "supplier": … } to inputs (suppliers of ${q(c)}: ${listIds(candidates)}).`,
      });
    }
  }
  inputs.forEach((input, j) => {
    if (componentIds.has(input.component) && !needed.includes(input.component)) {
      out.push({
        path: [...path, j, 'component'],
        message: `component ${q(input.component)} is not in the bill of materials (${needed.length === 0 ? 'which is empty' : listIds(needed)})`,
        fix: 'Remove this input, or add the component to the bill of materials.',
      });
    }
    const supplies = suppliersOf.get(input.supplier);
    if (supplies !== undefined && supplies !== input.component) {
      out.push({
        path: [...path, j, 'supplier'],
        message: `supplier ${q(input.supplier)} supplies ${q(supplies)}, not ${q(input.component)}`,
        fix: `Name a supplier whose component is ${q(input.component)}.`,
      });
    }
  });
}

function inputRules(view: ScenarioView, out: RawIssue[]): void {
  const suppliersOf = new Map<string, string>();
  each(view.suppliers, (s) => suppliersOf.set(s.id, s.component));
  const items = new Map<string, ItemSpec>();
  each(view.items, (it) => items.set(it.id, it));
  const components = new Map<string, ComponentSpec>();
  each(view.components, (c) => components.set(c.id, c));
  each(view.firms, (f, i) => {
    const item = items.get(f.item);
    if (item === undefined) return;
    const needed = item.billOfMaterials.map((b) => b.component);
    coverRules(
      `firm ${q(f.id)} (item ${q(f.item)})`,
      needed,
      f.inputs,
      ['firms', i, 'inputs'],
      suppliersOf,
      view.ids.components,
      out,
    );
  });
  each(view.suppliers, (s, i) => {
    const component = components.get(s.component);
    if (component === undefined) return;
    const needed = (component.billOfMaterials ?? []).map((b) => b.component);
    coverRules(
      `supplier ${q(s.id)} (component ${q(s.component)})`,
      needed,
      s.inputs ?? [],
      ['suppliers', i, 'inputs'],
      suppliersOf,
      view.ids.components,
      out,
    );
  });
}

function cycleRules(view: ScenarioView, out: RawIssue[]): void {
  const index = new Map<string, number>();
  each(view.components, (c, i) => {
    if (!index.has(c.id)) index.set(c.id, i);
  });
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    const i = index.get(id)!;
    view.components[i]?.billOfMaterials?.forEach((b, j) => {
      if (!index.has(b.component)) return;
      const s = state.get(b.component);
      if (s === 'active') {
        const cycle = [...stack.slice(stack.indexOf(b.component)), b.component];
        // One report per cycle, whichever component the search entered it by.
        const key = [...cycle.slice(1)].sort().join('\u0000');
        if (!reported.has(key)) {
          reported.add(key);
          out.push({
            path: ['components', i, 'billOfMaterials', j, 'component'],
            message: `bill of materials is cyclic: ${cycle.join(' → ')}`,
            fix: 'Remove one entry of this cycle: a component cannot need itself, directly or indirectly.',
          });
        }
      } else if (s === undefined) visit(b.component);
    });
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of index.keys()) if (!state.has(id)) visit(id);
}

function stockRules(view: ScenarioView, out: RawIssue[]): void {
  const stocked = new Set<string>();
  each(view.nations, (n, i) => {
    const own = new Set(n.stockpiles.map((s) => s.item));
    for (const item of own) stocked.add(item);
    n.consumption.forEach((c, j) => {
      if (view.ids.items.has(c.item) && !own.has(c.item)) {
        out.push({
          path: ['nations', i, 'consumption', j, 'item'],
          message: `nation ${q(n.id)} consumes ${q(c.item)} but has no stockpile of it`,
          fix: `Add a stockpile of ${q(c.item)} to nation ${q(n.id)}: consumption draws from it.`,
        });
      }
    });
  });
  // An invalid nation (reported on its own) may stock the item: only a list of valid nations shows that none does.
  if (view.nations.includes(undefined) || view.unreadable?.has('nations') === true) return;
  each(view.firms, (f, i) => {
    if (view.ids.items.has(f.item) && !stocked.has(f.item)) {
      out.push({
        path: ['firms', i, 'item'],
        message: `firm ${q(f.id)} makes ${q(f.item)}, which no nation stocks, so nobody buys it`,
        fix: `Give some nation a stockpile of ${q(f.item)}, or remove the firm.`,
      });
    }
  });
}

/** Date, id, reference, input-coverage, bill-of-materials and stocking rules. */
export function structuralIssues(view: ScenarioView): RawIssue[] {
  const out: RawIssue[] = [];
  dateRules(view, out);
  idRules(view, out);
  referenceRules(view, out);
  inputRules(view, out);
  cycleRules(view, out);
  stockRules(view, out);
  return out;
}
