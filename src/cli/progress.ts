/**
 * Progress on stderr: a bar with ETA on a terminal (cli-progress), optional plain lines for logs and
 * tests, nothing otherwise; and a one-line summary when the work ends.
 *
 * @module
 */
import cliProgress from 'cli-progress';
import type { ProgressMode } from './options.js';

/** Receives progress counts and ends the display. */
export interface Progress {
  /**
   * `completed` of `total` units done, of which `resumed` were read back from a results file rather than
   * run now (default 0): they count in the bar, not in its ETA.
   */
  update(completed: number, total: number, resumed?: number): void;
  /** Removes the bar (if any) and prints `summary` (if given) on its own line. */
  stop(summary?: string): void;
}

/**
 * A progress display for `label` (e.g. `replications`).
 *
 * @param mode - `auto`: a bar when `stream` is a terminal, else nothing; `bar`, `lines` (one line per
 *   percent, for logs), `none`
 * @param stream - where it is shown (the default, stderr, unless a test captures it)
 */
export function createProgress(
  mode: ProgressMode,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const resolved = mode === 'auto' ? (stream.isTTY ? 'bar' : 'none') : mode;
  if (resolved === 'bar') return barProgress(label, stream);
  let lastPercent = -1;
  return {
    update(completed, total) {
      if (resolved !== 'lines') return;
      const percent = Math.floor((100 * completed) / total);
      if (percent === lastPercent && completed !== total) return;
      lastPercent = percent;
      stream.write(`progress ${completed}/${total} ${label}\n`);
    },
    stop(summary) {
      if (summary !== undefined) stream.write(`${summary}\n`);
    },
  };
}

function barProgress(label: string, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `{bar} {percentage}% | {value}/{total} ${label} | ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: true,
      // Replications arrive in bursts from workers: average the rate over more of them.
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let resumedBefore = 0;
  let restart = false;
  return {
    update(completed, total, resumed = 0) {
      // The bar's ETA is a rate over its recent values, counted from its start value. Replications read
      // back from a results file arrive in a burst and would pass for work done in no time (an ETA far too
      // short after --resume), so the first replication run after any read back restarts the bar from the
      // count so far: the rate is that of the replications run now. Once per burst, not per replication
      // read back: a start draws the bar at once, where an update waits for the next frame.
      if (!started || (restart && resumed === resumedBefore)) {
        bar.start(total, completed);
        started = true;
        restart = false;
      } else {
        if (resumed !== resumedBefore) restart = true;
        bar.setTotal(total);
        bar.update(completed);
      }
      resumedBefore = resumed;
    },
    stop(summary) {
      if (started) bar.stop();
      if (summary !== undefined) stream.write(`${summary}\n`);
    },
  };
}

/** Seconds since `start` (a `process.hrtime.bigint()` reading). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
