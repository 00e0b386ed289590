/**
 * (a) Context: the cost of the draws alone — the exponential(mean 1) sampler on one dibsim stream that
 * the three event-pattern implementations share — so per-event costs can be read net of randomness.
 */
import { createStreams, exponential } from './lib/dibsim.mjs';

/**
 * @param {{ draws: number, seed: number }} params
 */
export function run({ draws, seed }) {
  const delay = exponential(createStreams(seed).stream('timeouts'), { mean: 1 });
  let sum = 0;
  for (let i = 0; i < draws; i++) sum += delay();
  return { work: draws, unit: 'draws', result: { meanDraw: Number((sum / draws).toFixed(5)) } };
}
