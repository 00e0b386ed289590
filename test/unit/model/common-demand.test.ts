import { describe, expect, it, vi } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { CommonDemand } from '../../../src/model/common-demand.js';
import { Consumption } from '../../../src/model/demand.js';
import type { ProcurementStrategy } from '../../../src/model/procurement.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { europe155mm } from '../../../src/model/scenarios/europe-155mm.js';
import { createBilateral } from '../../../src/strategies/bilateral.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled } from '../../../src/strategies/pooled.js';
import { smallScenario } from './small-scenario.js';

const strategies = (): ProcurementStrategy[] => [nationalOnly, createBilateral(), createPooled()];

describe('CommonDemand', () => {
  it('replays the first run’s demand: every strategy’s result is bit-identical to drawing it afresh', () => {
    for (const replication of [0, 5]) {
      const demand = new CommonDemand();
      expect(demand.recorded).toBe(false);
      strategies().forEach((strategy, i) => {
        const draws = vi.spyOn(Consumption.prototype, 'draw');
        const shared = runScenario(europe155mm, { strategy, seed: 17, replication, demand });
        // The first run draws (a day per consumption), the others only replay.
        if (i === 0) expect(draws.mock.calls.length).toBeGreaterThan(3_000);
        else expect(draws).not.toHaveBeenCalled();
        draws.mockRestore();
        expect(demand.recorded).toBe(true);
        const fresh = runScenario(europe155mm, { strategy: strategies()[i]!, seed: 17, replication });
        // toStrictEqual compares Float64Arrays element by element with Object.is: −0, NaN and last bits count.
        expect(shared).toStrictEqual(fresh);
      });
    }
  });

  it('refuses a run of another replication, seed or scenario, naming what it holds', () => {
    const demand = new CommonDemand();
    const scenario = smallScenario();
    runScenario(scenario, { strategy: nationalOnly, seed: 1, replication: 2, demand });
    const refused = (options: { seed: number; replication: number }, other = scenario) => {
      try {
        runScenario(other, { strategy: nationalOnly, ...options, demand });
      } catch (error) {
        expect(error).toBeInstanceOf(DibsimError);
        expect((error as DibsimError).code).toBe('INVALID_ARGUMENT');
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refused({ seed: 1, replication: 3 })).toMatch(
      /seed 1, replication 2.*replication 3.*new CommonDemand/,
    );
    expect(refused({ seed: 9, replication: 2 })).toMatch(/this run is seed 9,/);
    expect(refused({ seed: 1, replication: 2 }, smallScenario())).toMatch(/another scenario object/);
    // The same seed given as a string is the same seed.
    expect(() =>
      runScenario(scenario, { strategy: nationalOnly, seed: '1', replication: 2, demand }),
    ).not.toThrow();
  });

  it('rejects something else given as options.demand, saying what to pass', () => {
    const bad = { open: () => ({}) } as unknown as CommonDemand;
    expect(() => runScenario(smallScenario(), { strategy: nationalOnly, demand: bad })).toThrow(
      /options\.demand must be a CommonDemand \(got .*\)\. Create one per replication with new CommonDemand\(\)/,
    );
  });

  it('records afresh after a run that threw part-way', () => {
    const scenario = smallScenario();
    let reviews = 0;
    const failing: ProcurementStrategy = {
      name: 'fails-in-month-3',
      review() {
        if (++reviews === 3) throw new Error('boom');
      },
    };
    const demand = new CommonDemand();
    expect(() => runScenario(scenario, { strategy: failing, seed: 4, demand })).toThrow('boom');
    expect(demand.recorded).toBe(false);
    const shared = runScenario(scenario, { strategy: nationalOnly, seed: 4, demand });
    expect(demand.recorded).toBe(true);
    const replayed = runScenario(scenario, { strategy: nationalOnly, seed: 4, demand });
    const fresh = runScenario(scenario, { strategy: nationalOnly, seed: 4 });
    expect(shared).toStrictEqual(fresh);
    expect(replayed).toStrictEqual(fresh);
  });
});
