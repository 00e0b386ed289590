import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';

/** A terminal-like stream that keeps what is written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; written: () => string; writes: () => number } {
  let text = '';
  let writes = 0;
  const stream = {
    isTTY: true,
    columns: 120,
    write(chunk: string) {
      text += chunk;
      writes++;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written: () => text, writes: () => writes };
}

/** The ETA the bar last drew. */
function lastEta(text: string): string | undefined {
  return [...text.matchAll(/ETA (\w+)/g)].at(-1)?.[1];
}

describe('createProgress(bar)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('update(completed, total, resumed) leaves replications read back out of the ETA: 150 of 200 read back, then one a second leaves 40 s', () => {
    const { stream, written } = fakeTerminal();
    const progress = createProgress('bar', 'replications', stream);
    // A resumed run: the fold reads 150 replications back from the file at once...
    for (let done = 1; done <= 150; done++) progress.update(done, 200, done);
    // ... then runs the others, one a second.
    for (let done = 151; done <= 160; done++) {
      vi.advanceTimersByTime(1000);
      progress.update(done, 200, 150);
    }
    vi.advanceTimersByTime(200); // the next redraw
    expect(written()).toContain('160/200 replications');
    // 40 left at one a second (the 150 read back in no time would make it 9 s).
    expect(lastEta(written())).toBe('40s');
    progress.stop();
  });

  it('a burst of 10,000 replications read back draws the bar a few times, not once per replication', () => {
    const { stream, writes } = fakeTerminal();
    const progress = createProgress('bar', 'replications', stream);
    for (let done = 1; done <= 10_000; done++) progress.update(done, 20_000, done);
    vi.advanceTimersByTime(1000);
    progress.update(10_001, 20_000, 10_000);
    // One start when the burst begins, one when the first replication run now restarts the ETA, frames
    // as the fake clock allows (a start draws at once; a draw is a few writes).
    expect(writes()).toBeLessThan(50);
    progress.stop();
  });

  it('update(completed, total) without replications read back estimates from every one: 10 in 10 s, 190 left is 190 s', () => {
    const { stream, written } = fakeTerminal();
    const progress = createProgress('bar', 'replications', stream);
    progress.update(0, 200);
    for (let done = 1; done <= 10; done++) {
      vi.advanceTimersByTime(1000);
      progress.update(done, 200);
    }
    vi.advanceTimersByTime(200);
    expect(lastEta(written())).toBe('3m10s');
    progress.stop();
  });
});
