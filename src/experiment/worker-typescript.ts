/**
 * TypeScript strategy modules in worker threads. A script run with tsx loads a `.ts` strategy module in
 * its own thread, but on Node 20 loader hooks given with `--import` do not reach worker threads (tsx's own
 * registration skips them too), so a worker meeting the same module failed with "Unknown file extension".
 * A worker that is about to load such a module, and finds no TypeScript loader running, registers tsx
 * itself, as the calling thread had it. A failed import stays failed in a thread (Node caches it), so the
 * worker asks a probe file of its own, never the strategy module, whether a loader runs.
 *
 * @internal
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strategyFiles } from '../strategies/registry.js';
import type { StrategyModule } from './strategy-spec.js';

/** A TypeScript file name (`.ts`, `.tsx`, `.mts`, `.cts`). @internal */
export const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** Done once per thread, the first time a module needs it. */
let registration: Promise<void> | undefined;

/**
 * Registers tsx in this thread if one of `modules` is a file Node cannot import by itself (a `.ts` file,
 * or a missing `./x.js` whose `./x.ts` tsx would load) and no TypeScript loader runs in the thread yet.
 * Where tsx is not installed where this module can import it, nothing is registered: the load then fails,
 * and the experiment reports it.
 * @internal
 */
export async function typeScriptForWorker(
  modules: readonly (StrategyModule & { readonly name: string })[],
): Promise<void> {
  // From dibsim's own sources, the worker's bootstrap registered tsx already.
  if (import.meta.url.endsWith('.ts')) return;
  const files = modules.flatMap((m) =>
    strategyFiles(m, m.baseUrl === undefined ? {} : { baseUrl: m.baseUrl }),
  );
  const needed = files.some((url) => {
    try {
      const path = fileURLToPath(url);
      return TYPESCRIPT_FILE.test(path) || !existsSync(path);
    } catch {
      return false; // file://host/…: no loader reads it
    }
  });
  if (!needed) return;
  registration ??= typeScriptLoads().then((loads) => (loads ? undefined : registerTsx()));
  await registration;
}

/** The probe, from `dist/experiment/` to the package's `src/experiment/`. */
const PROBE = new URL('../../src/experiment/typescript-probe.ts', import.meta.url).href;

/** Whether a TypeScript loader already runs in this thread (registering tsx again would chain it twice). */
async function typeScriptLoads(): Promise<boolean> {
  try {
    await import(PROBE);
    return true;
  } catch {
    return false; // Unknown file extension ".ts", or no probe to import: assume none runs
  }
}

async function registerTsx(): Promise<void> {
  // A variable specifier: tsx is the user's (dev) dependency, not dibsim's, and may be missing.
  const specifier = 'tsx/esm/api';
  try {
    const api = (await import(specifier)) as { register?: unknown };
    if (typeof api.register === 'function') api.register();
  } catch {
    // Not installed here: the strategy module's own import reports the failure.
  }
}
