/**
 * TypeScript strategy modules in worker threads. A script run with tsx loads a `.ts` strategy module in
 * its own thread, but on Node 20 loader hooks given with `--import` do not reach worker threads (tsx's own
 * registration skips them too), so a worker meeting the same module failed with "Unknown file extension".
 * A worker that is about to load such a module registers tsx itself, as the calling thread had it.
 *
 * @internal
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strategyFiles } from '../strategies/registry.js';
import type { StrategyModule } from './strategy-spec.js';

/** A file Node 20 cannot import by itself: TypeScript, or a `.js` name that only tsx maps to its `.ts`. */
const TYPESCRIPT = /\.[cm]?tsx?$/;

/** Registered once per thread, the first time a module needs it. */
let registration: Promise<boolean> | undefined;

/**
 * Registers tsx in this thread if one of `modules` is a file Node cannot import by itself (a `.ts` file,
 * or a missing `./x.js` whose `./x.ts` tsx would load) and Node cannot strip types natively. Resolves to
 * whether tsx is registered; `false` when it is not installed where this module can import it (the load
 * then fails with Node's error, which the calling thread reports).
 * @internal
 */
export function typeScriptForWorker(
  modules: readonly (StrategyModule & { readonly name: string })[],
): Promise<boolean> {
  // From dibsim's own sources, the worker's bootstrap registered tsx already.
  if (import.meta.url.endsWith('.ts')) return Promise.resolve(true);
  if ((process.features as { typescript?: unknown }).typescript) return Promise.resolve(false);
  const files = modules.flatMap((m) =>
    strategyFiles(m, m.baseUrl === undefined ? {} : { baseUrl: m.baseUrl }),
  );
  const needed = files.some((url) => {
    try {
      const path = fileURLToPath(url);
      return TYPESCRIPT.test(path) || !existsSync(path);
    } catch {
      return false; // file://host/…: no loader reads it
    }
  });
  if (!needed) return Promise.resolve(false);
  registration ??= registerTsx();
  return registration;
}

async function registerTsx(): Promise<boolean> {
  // A variable specifier: tsx is the user's (dev) dependency, not dibsim's, and may be missing.
  const specifier = 'tsx/esm/api';
  try {
    const api = (await import(specifier)) as { register?: unknown };
    if (typeof api.register !== 'function') return false;
    api.register();
    return true;
  } catch {
    return false;
  }
}
