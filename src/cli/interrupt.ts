/**
 * Ctrl-C in the CLI. During a run, the first SIGINT aborts the experiment through an `AbortSignal`
 * (replications in flight finish and are written), a second one quits at once; while its results are
 * written, Ctrl-C says where the replications are kept and quits.
 *
 * Handlers form a stack under one process listener, and only the newest one hears Ctrl-C: a phase hands
 * over to the next by adding the next one's handler before removing its own, so that no signal ever finds
 * none (Node's default would end the process without a word).
 *
 * @module
 */
import { EXIT } from './errors.js';

/** A Ctrl-C handler, from {@link listenForInterrupt} or {@link exitOnInterrupt}. */
export interface InterruptListener {
  /** Removes the handler (the one before it, if any, hears Ctrl-C again). */
  dispose(): void;
}

/** A SIGINT listener for the duration of one run. */
export interface InterruptHandle extends InterruptListener {
  /** Aborted on the first Ctrl-C. */
  readonly signal: AbortSignal;
}

const handlers: (() => void)[] = [];
const onSigint = () => handlers.at(-1)?.();

/** Makes `handler` the one that hears Ctrl-C until the returned listener is disposed. */
function onInterrupt(handler: () => void): InterruptListener {
  if (handlers.length === 0) process.on('SIGINT', onSigint);
  handlers.push(handler);
  return {
    dispose() {
      const i = handlers.lastIndexOf(handler);
      if (i < 0) return;
      handlers.splice(i, 1);
      if (handlers.length === 0) process.off('SIGINT', onSigint);
    },
  };
}

/** Listens for Ctrl-C until `dispose()` is called. */
export function listenForInterrupt(): InterruptHandle {
  const controller = new AbortController();
  const listener = onInterrupt(() => {
    if (controller.signal.aborted) {
      process.stderr.write('\nInterrupted twice: quitting without waiting.\n');
      process.exit(EXIT.interrupted);
    }
    process.stderr.write(
      '\nInterrupted: letting the replications in flight finish (Ctrl-C again to quit now)…\n',
    );
    controller.abort();
  });
  return { signal: controller.signal, dispose: listener.dispose };
}

/**
 * Until `dispose()` is called, Ctrl-C prints `message` on stderr and exits 130 at once. For the work after
 * a run (writing its results), where there is nothing to let finish and the replications are already in a
 * file: without a handler, Ctrl-C would end the process without saying where they are.
 */
export function exitOnInterrupt(message: string): InterruptListener {
  return onInterrupt(() => {
    process.stderr.write(`\n${message}\n`);
    process.exit(EXIT.interrupted);
  });
}
