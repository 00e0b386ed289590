import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitOnInterrupt, listenForInterrupt } from '../../../src/cli/interrupt.js';

describe('Ctrl-C handlers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('only the newest handler hears Ctrl-C, and a handover never leaves the process without one', () => {
    const before = process.listenerCount('SIGINT');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const run = listenForInterrupt();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    // The run ends: the writing phase's handler comes first, then the run's goes.
    const writing = exitOnInterrupt('kept in r.jsonl');
    run.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    // A sensitivity run on top: it hears Ctrl-C, the writing handler does not.
    const sensitivity = listenForInterrupt();
    process.emit('SIGINT');
    expect(sensitivity.signal.aborted).toBe(true);
    expect(run.signal.aborted).toBe(false);
    expect(exit).not.toHaveBeenCalled();
    sensitivity.dispose();
    // Back to the writing handler: it says where the replications are and exits 130.
    process.emit('SIGINT');
    expect(stderr).toHaveBeenLastCalledWith('\nkept in r.jsonl\n');
    expect(exit).toHaveBeenCalledWith(130);
    writing.dispose();
    writing.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
