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
  /** `completed` of `total` units done. */
  update(completed: number, total: number): void;
  /** Removes the bar (if any) and prints `summary` (if given) on its own line. */
  stop(summary?: string): void;
}

/**
 * A progress display for `label` (e.g. `replications`).
 *
 * @param mode - `auto`: a bar when stderr is a terminal, else nothing; `bar`, `lines` (one line per
 *   percent, for logs), `none`
 */
export function createProgress(mode: ProgressMode, label: string): Progress {
  const stream = process.stderr;
  const resolved = mode === 'auto' ? (stream.isTTY ? 'bar' : 'none') : mode;
  if (resolved === 'bar') return barProgress(label);
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

function barProgress(label: string): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `{bar} {percentage}% | {value}/{total} ${label} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      // Replications arrive in bursts from workers: average the rate over more of them.
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(completed, total) {
      if (!started) {
        bar.start(total, completed);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(completed);
      }
    },
    stop(summary) {
      if (started) bar.stop();
      if (summary !== undefined) process.stderr.write(`${summary}\n`);
    },
  };
}

/** Seconds since `start` (a `process.hrtime.bigint()` reading). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
