/**
 * Identity rules of a scenario: ids unique within each collection, and every reference resolving to a
 * defined entity ("unknown nation 'XX'; known: DE, FR").
 *
 * @module
 * @internal
 */

import {
  COLLECTIONS,
  type Collection,
  each,
  listIds,
  type PathSegments,
  q,
  type RawIssue,
  type ScenarioView,
} from './validate-view.js';

function unique<T>(
  list: readonly (T | undefined)[],
  key: (e: T) => string,
  path: (index: number) => PathSegments,
  what: string,
  out: RawIssue[],
): void {
  const seen = new Map<string, number>();
  each(list, (e, i) => {
    const k = key(e);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else {
      out.push({
        path: path(i),
        message: `duplicate ${what} ${q(k)} (also at index ${first})`,
        fix: `Give each ${what} a distinct value, or merge the two entries.`,
      });
    }
  });
}

export function idRules(view: ScenarioView, out: RawIssue[]): void {
  const collections = COLLECTIONS;
  for (const c of collections) {
    unique(
      view[c] as readonly ({ id: string } | undefined)[],
      (e) => e.id,
      (i) => [c, i, 'id'],
      `${c.replace(/s$/, '')} id`,
      out,
    );
  }
  // Shock actors name nations and recipients alike, so their ids must not collide.
  each(view.recipients, (r, i) => {
    if (view.ids.nations.has(r.id)) {
      out.push({
        path: ['recipients', i, 'id'],
        message: `recipient id ${q(r.id)} is also a nation id`,
        fix: 'Use a distinct id: shock actors refer to nations and recipients by id.',
      });
    }
  });
  each(view.firms, (f, i) =>
    unique(
      f.lines,
      (l) => l.id,
      (j) => ['firms', i, 'lines', j, 'id'],
      'line id',
      out,
    ),
  );
  each(view.items, (item, i) =>
    unique(
      item.billOfMaterials,
      (b) => b.component,
      (j) => ['items', i, 'billOfMaterials', j, 'component'],
      'bill-of-materials component',
      out,
    ),
  );
  each(view.components, (c, i) =>
    unique(
      c.billOfMaterials ?? [],
      (b) => b.component,
      (j) => ['components', i, 'billOfMaterials', j, 'component'],
      'bill-of-materials component',
      out,
    ),
  );
  each(view.nations, (n, i) => {
    unique(
      n.stockpiles,
      (s) => s.item,
      (j) => ['nations', i, 'stockpiles', j, 'item'],
      'stockpile item',
      out,
    );
    unique(
      n.consumption,
      (s) => s.item,
      (j) => ['nations', i, 'consumption', j, 'item'],
      'consumption item',
      out,
    );
  });
  each(view.recipients, (r, i) => {
    unique(
      r.initialRounds,
      (s) => s.item,
      (j) => ['recipients', i, 'initialRounds', j, 'item'],
      'initial-rounds item',
      out,
    );
    unique(
      r.consumption,
      (s) => s.item,
      (j) => ['recipients', i, 'consumption', j, 'item'],
      'consumption item',
      out,
    );
  });
  each(view.pledges, (p, i) =>
    unique(
      p.donors,
      (d) => d.nation,
      (j) => ['pledges', i, 'donors', j, 'nation'],
      'donor nation',
      out,
    ),
  );
}

export function referenceRules(view: ScenarioView, out: RawIssue[]): void {
  const { ids } = view;
  const actors = new Set([...ids.nations, ...ids.recipients]);
  const ref = (
    kind: string,
    collections: readonly Collection[],
    known: ReadonlySet<string>,
    value: string,
    path: PathSegments,
  ) => {
    // A collection that is not a list is reported on its own; its ids are unknown.
    if (collections.some((c) => view.unreadable?.has(c) === true)) return;
    if (!known.has(value)) {
      const collection = collections.join(' or ');
      out.push({
        path,
        message: `unknown ${kind} ${q(value)}; known: ${listIds(known)}`,
        fix: `Use one of the ${kind} ids, or add a ${kind} with id ${q(value)} to ${collection}.`,
      });
    }
  };
  const item = (v: string, p: PathSegments) => ref('item', ['items'], ids.items, v, p);
  const component = (v: string, p: PathSegments) => ref('component', ['components'], ids.components, v, p);
  const nation = (v: string, p: PathSegments) => ref('nation', ['nations'], ids.nations, v, p);
  const supplier = (v: string, p: PathSegments) => ref('supplier', ['suppliers'], ids.suppliers, v, p);

  each(view.items, (it, i) =>
    it.billOfMaterials.forEach((b, j) => {
      component(b.component, ['items', i, 'billOfMaterials', j, 'component']);
    }),
  );
  each(view.components, (c, i) =>
    c.billOfMaterials?.forEach((b, j) => {
      component(b.component, ['components', i, 'billOfMaterials', j, 'component']);
    }),
  );
  each(view.nations, (n, i) => {
    n.stockpiles.forEach((s, j) => {
      item(s.item, ['nations', i, 'stockpiles', j, 'item']);
    });
    n.consumption.forEach((c, j) => {
      item(c.item, ['nations', i, 'consumption', j, 'item']);
    });
  });
  each(view.firms, (f, i) => {
    nation(f.nation, ['firms', i, 'nation']);
    item(f.item, ['firms', i, 'item']);
    f.inputs.forEach((input, j) => {
      component(input.component, ['firms', i, 'inputs', j, 'component']);
      supplier(input.supplier, ['firms', i, 'inputs', j, 'supplier']);
    });
  });
  each(view.suppliers, (s, i) => {
    nation(s.nation, ['suppliers', i, 'nation']);
    component(s.component, ['suppliers', i, 'component']);
    s.inputs?.forEach((input, j) => {
      component(input.component, ['suppliers', i, 'inputs', j, 'component']);
      supplier(input.supplier, ['suppliers', i, 'inputs', j, 'supplier']);
    });
  });
  each(view.recipients, (r, i) => {
    r.initialRounds.forEach((s, j) => {
      item(s.item, ['recipients', i, 'initialRounds', j, 'item']);
    });
    r.consumption.forEach((c, j) => {
      item(c.item, ['recipients', i, 'consumption', j, 'item']);
    });
  });
  each(view.pledges, (p, i) => {
    ref('recipient', ['recipients'], ids.recipients, p.recipient, ['pledges', i, 'recipient']);
    item(p.item, ['pledges', i, 'item']);
    p.donors.forEach((d, j) => {
      nation(d.nation, ['pledges', i, 'donors', j, 'nation']);
    });
  });
  each(view.shocks, (s, i) => {
    s.actors.forEach((a, j) => {
      ref('nation or recipient', ['nations', 'recipients'], actors, a, ['shocks', i, 'actors', j]);
    });
    item(s.item, ['shocks', i, 'item']);
  });
}

/** Checks that `inputs` name a supplier of exactly each component in `needed`, and nothing else. */
