import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../../dist/index.js', import.meta.url);

/**
 * Runs national-only, then bilateral on the same replication (bilateral replaying the demand), in a child
 * process where V8's `%HaveSameMap` is available, and lists the kinds of model object whose instances in
 * the second run have another hidden class than the first run's. Reads the World's internals.
 */
const PROBE = `
const { europe155mm, World, CommonDemand, createNationalOnly, createBilateral } = await import(process.env.DIBSIM_DIST);
const demand = new CommonDemand();
const kinds = (w) => ({
  stockpile: [...w.nations.values()].flatMap((n) => [...n.stockpiles.values()]).concat([...w.recipientStock.values()]),
  contract: w.contracts,
  contractPayer: w.contracts.flatMap((c) => c.payers),
  payerPlan: w.deliveries.flatMap((p) => p.payers),
  onOrderEntry: w.deliveries.flatMap((p) => p.onOrder),
  pledgeDonor: w.pledges.flatMap((p) => p.donors),
  destination: [...w.destinations.byActor.values()].flatMap((items) => [...items.values()]),
});
const runs = [createNationalOnly, createBilateral].map((create) => {
  const world = new World(europe155mm, { strategy: create(), seed: 1, replication: 0, demand });
  world.run();
  return kinds(world);
});
const changed = Object.keys(runs[0]).filter((k) => {
  const [first, second] = [runs[0][k], runs[1][k]];
  if (first.length === 0 || second.length === 0) throw new Error('no ' + k);
  return second.some((o) => !%HaveSameMap(first[0], o));
});
console.log(JSON.stringify(changed));
`;

describe('hidden classes of model objects (V8)', () => {
  // A field that first holds a whole number and later a fraction makes V8 replace its objects' hidden class
  // and discard the optimised code that saw the old one, in every worker thread (see kernel/doubles.ts).
  it('a bilateral run after a national-only run of the same replication meets the same hidden classes', () => {
    expect(existsSync(dist), 'run `npm run build` first').toBe(true);
    const child = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--input-type=module', '-e', PROBE],
      { encoding: 'utf8', env: { ...process.env, DIBSIM_DIST: dist.href } },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([]);
  });
});
