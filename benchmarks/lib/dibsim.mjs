/**
 * The built dibsim package as benchmarks use it: `../../dist/index.js`, plain JS run by plain node.
 *
 * Random streams, samplers and statistics are taken from the public index when it exports them; while
 * it does not (yet), from their built modules under `dist/`, so the benchmarks keep working as the public
 * API grows. `fallbacks` lists the names that had to be taken from a module path.
 */
// A dynamic import: the names looked up below are not all known statically.
const index = await import('../../dist/index.js');

/** Names not exported by `dist/index.js` (yet), loaded from their own modules instead. */
export const fallbacks = [];

/**
 * @param {string} name - export name
 * @param {string} modulePath - built module to take it from when the index lacks it
 */
async function pick(name, modulePath) {
  if (name in index) return index[name];
  const mod = await import(modulePath);
  if (!(name in mod))
    throw new Error(`dibsim benchmark: ${name} is exported neither by dist/index.js nor by ${modulePath}`);
  fallbacks.push(name);
  return mod[name];
}

export const { Simulation, Resource, Container } = index;
export const createStreams = await pick('createStreams', '../../dist/random/streams.js');
export const exponential = await pick('exponential', '../../dist/random/continuous.js');
export const uniform = await pick('uniform', '../../dist/random/continuous.js');
export const discrete = await pick('discrete', '../../dist/random/discrete.js');
export const Tally = await pick('Tally', '../../dist/stats/tally.js');
export const TimeWeighted = await pick('TimeWeighted', '../../dist/stats/time-weighted.js');
export const studentTQuantile = await pick('studentTQuantile', '../../dist/stats/student-t.js');
