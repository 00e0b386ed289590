/**
 * Ctrl-C during a run: the first SIGINT aborts the experiment through an `AbortSignal` (replications in
 * flight finish and are written), a second one quits at once.
 *
 * @module
 */
import { EXIT } from './errors.js';

/** A SIGINT listener for the duration of one run. */
export interface InterruptHandle {
  /** Aborted on the first Ctrl-C. */
  readonly signal: AbortSignal;
  /** Removes the listener (Ctrl-C then ends the process as usual). */
  dispose(): void;
}

/** Listens for Ctrl-C until `dispose()` is called. */
export function listenForInterrupt(): InterruptHandle {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write('\nInterrupted twice: quitting without waiting.\n');
      process.exit(EXIT.interrupted);
    }
    process.stderr.write(
      '\nInterrupted: letting the replications in flight finish (Ctrl-C again to quit now)…\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSignal) };
}

/**
 * Until `dispose()` is called, Ctrl-C prints `message` on stderr and exits 130 at once. For the work after
 * a run (writing its results), where there is nothing to let finish and the replications are already in a
 * file: without a listener, Ctrl-C would end the process without saying where they are.
 */
export function exitOnInterrupt(message: string): { dispose(): void } {
  const onSignal = () => {
    process.stderr.write(`\n${message}\n`);
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSignal);
  return { dispose: () => process.off('SIGINT', onSignal) };
}
