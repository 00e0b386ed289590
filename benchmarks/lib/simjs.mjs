/**
 * Loads SIM.JS 2.0.3 (devDependency `simjs`) into plain Node.
 *
 * Its published `sim.js` is a browserify bundle that only publishes `window.Sim`, so we give it a
 * `window` object for the duration of the load and take `Sim` from there.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {any} the `Sim` namespace: `Sim.Sim`, `Sim.Entity`, `Sim.Facility`, `Sim.Buffer`, `Sim.TimeSeries`, … */
export function loadSimjs() {
  const hadWindow = Object.hasOwn(globalThis, 'window');
  const previous = globalThis.window;
  globalThis.window = {};
  try {
    require('simjs');
    const Sim = globalThis.window.Sim;
    if (Sim === undefined || typeof Sim.Sim !== 'function')
      throw new Error('simjs did not publish window.Sim');
    return Sim;
  } finally {
    if (hadWindow) globalThis.window = previous;
    else delete globalThis.window;
  }
}

export const Sim = loadSimjs();
