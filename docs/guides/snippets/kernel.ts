/**
 * The kernel on its own: two crews share one test range (a Resource with one unit).
 * Run: npx tsx docs/guides/snippets/kernel.ts
 */
import { Resource, Simulation } from 'dibsim';

const sim = new Simulation();
const range = new Resource(sim, { capacity: 1 });
function* crew(name: string, buildDays: number) {
  yield sim.timeout(buildDays); // build a batch
  const req = range.request(); // queue for the test range
  try {
    yield req; // granted by priority, then first come first served
    yield sim.timeout(5); // proof the batch
    console.log(`${name} done at day ${sim.now}`);
  } finally {
    range.release(req); // always hand the unit back, even if interrupted
  }
}
sim.process(crew('A', 3));
sim.process(crew('B', 4));
sim.run();
console.log(`mean wait for the range: ${range.stats?.waitTime.mean} days`);
