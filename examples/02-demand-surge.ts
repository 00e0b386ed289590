/**
 * Example 02: one factory refilling a stockpile through a demand surge.
 *
 * A nation holds a depot of 155 mm rounds. Peacetime consumption is small; on day 60 a war starts and
 * daily demand jumps sixfold. The single domestic factory works one shift; 90 days into the surge it
 * adds a second shift, and a new line is commissioned after an 18-month build. Unmet demand is
 * backordered, never lost. Covers: a Container as the stockpile, a Resource whose capacity changes,
 * seeded Poisson demand from a named stream, and a monthly report from a review process.
 */
import { Container, createStreams, poisson, Resource, Simulation } from 'dibsim';

const SEED = 2022;
const HORIZON_DAYS = 720;
const DEPOT_CAPACITY_ROUNDS = 200_000;
const INITIAL_STOCK_ROUNDS = 60_000;
const PEACETIME_DEMAND_PER_DAY = 150; // training use
const WAR_DEMAND_PER_DAY = 900; // after the surge
const SURGE_DAY = 60;
const BATCH_ROUNDS = 500; // one batch leaves the line
const BATCH_DAYS_PER_SHIFT = 2; // one shift makes a batch every 2 days (7,500 rounds a month)
const SECOND_SHIFT_AFTER_DAYS = 90; // days after the surge
const NEW_LINE_BUILD_DAYS = 548; // about 18 months, calibration LT-01
const MONTH_DAYS = 30;

const sim = new Simulation();
const streams = createStreams(SEED);
const depot = new Container(sim, { capacity: DEPOT_CAPACITY_ROUNDS, init: INITIAL_STOCK_ROUNDS });
const shifts = new Resource(sim, { capacity: 1 }); // each unit is one shift able to run the line
let backlog = 0;
let produced = 0;
let demanded = 0;
let issued = 0;

function* shift() {
  // One process per shift slot: holds a unit of `shifts` and makes batches while it holds it.
  for (;;) {
    const req = shifts.request();
    try {
      yield req;
      for (;;) {
        yield sim.timeout(BATCH_DAYS_PER_SHIFT);
        // Deliveries clear the backlog first; the rest goes into the depot if there is room.
        const toBacklog = Math.min(backlog, BATCH_ROUNDS);
        backlog -= toBacklog;
        issued += toBacklog;
        const toDepot = Math.min(BATCH_ROUNDS - toBacklog, DEPOT_CAPACITY_ROUNDS - depot.level);
        if (toDepot > 0) yield depot.put(toDepot);
        produced += toBacklog + toDepot;
      }
    } finally {
      shifts.release(req);
    }
  }
}

function* consumption() {
  const rng = streams.stream('demand:depot');
  const peace = poisson(rng, { mean: PEACETIME_DEMAND_PER_DAY });
  const war = poisson(rng, { mean: WAR_DEMAND_PER_DAY });
  for (;;) {
    yield sim.timeout(1);
    const want = sim.now <= SURGE_DAY ? peace() : war();
    demanded += want;
    const fromStock = Math.min(want, depot.level);
    if (fromStock > 0) yield depot.get(fromStock);
    issued += fromStock;
    backlog += want - fromStock;
  }
}

function* expansion() {
  yield sim.timeout(SURGE_DAY + SECOND_SHIFT_AFTER_DAYS);
  shifts.setCapacity(2);
  yield sim.timeout(NEW_LINE_BUILD_DAYS - SECOND_SHIFT_AFTER_DAYS);
  shifts.setCapacity(4); // the new line runs two shifts as well
}

const rows: string[] = [];
function* monthlyReport() {
  for (;;) {
    yield sim.timeout(MONTH_DAYS, undefined, { priority: 1 }); // after the day's other events
    const month = Math.round(sim.now / MONTH_DAYS);
    rows.push(
      [month, demanded, issued, produced, depot.level, backlog, shifts.capacity]
        .map((v) => String(v).padStart(9))
        .join(''),
    );
  }
}

for (let i = 0; i < 4; i++) sim.process(shift());
sim.process(consumption());
sim.process(expansion());
sim.process(monthlyReport());
sim.run({ until: HORIZON_DAYS + 0.5 });

console.log('Cumulative rounds by month (one factory, demand surge on day 60)');
console.log(
  ['month', 'demanded', 'issued', 'produced', 'stock', 'backlog', 'shifts']
    .map((h) => h.padStart(9))
    .join(''),
);
console.log(rows.join('\n'));
const fillRate = issued / demanded;
console.log(`\nfill rate from stock and production: ${(fillRate * 100).toFixed(1)} %`);
console.log(`mean depot level: ${Math.round(depot.stats!.level.mean(sim.now))} rounds`);
