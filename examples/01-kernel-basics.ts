/**
 * Example 01: kernel basics.
 *
 * Two assembly crews share one test range (a Resource with capacity 1). Each crew builds a batch,
 * then waits for the range to proof it. A dispatcher interrupts a crew that has waited too long.
 * Covers: generator processes, timeouts, Resource requests released in `finally`, anyOf for reneging,
 * interrupts, and the resource's own statistics.
 */
import { Resource, Simulation } from 'dibsim';

const BUILD_DAYS = [3, 5] as const; // days to assemble one batch, per crew
const PROOF_DAYS = 4; // days the range needs to proof one batch
const PATIENCE_DAYS = 3; // a crew gives up waiting for the range after this long
const BATCHES = 4; // batches per crew

const sim = new Simulation();
const range = new Resource(sim, { capacity: 1 });
const log: string[] = [];

function* crew(name: string, buildDays: number) {
  for (let batch = 1; batch <= BATCHES; batch++) {
    yield sim.timeout(buildDays);
    const req = range.request();
    try {
      const fired = yield* sim.anyOf([req, sim.timeout(PATIENCE_DAYS)]);
      if (!fired.has(req)) {
        log.push(`day ${sim.now.toString().padStart(2)}: ${name} gave up waiting with batch ${batch}`);
        continue;
      }
      yield sim.timeout(PROOF_DAYS);
      log.push(`day ${sim.now.toString().padStart(2)}: ${name} proofed batch ${batch}`);
    } finally {
      range.release(req);
    }
  }
  return name;
}

const a = sim.process(crew('crew A', BUILD_DAYS[0]));
const b = sim.process(crew('crew B', BUILD_DAYS[1]));
sim.process(function* report() {
  const done = yield* sim.allOf([a, b]);
  log.push(`day ${sim.now}: ${done.join(' and ')} finished`);
});
sim.run();

console.log(log.join('\n'));
const stats = range.stats!;
console.log(`range utilisation ${(range.utilisation() * 100).toFixed(1)} %`);
console.log(
  `mean wait for the range ${stats.waitTime.mean.toFixed(2)} days over ${stats.waitTime.count} grants`,
);
console.log(`mean queue length ${stats.queueLength.mean(sim.now).toFixed(3)}`);
