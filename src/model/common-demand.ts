/**
 * Daily demand shared by the runs of one replication under different strategies.
 *
 * @module
 */
import { DibsimError, describeSeed } from '../errors.js';
import type { Scenario } from './scenario.js';

/**
 * The daily demand of one replication (scenario, seed and replication index), recorded by its first run
 * and replayed by the runs of the other strategies.
 *
 * Under common random numbers every strategy draws the same demand: each consumption has its own
 * stream, drawn once a day whatever the strategy does. Replaying the first run's draws therefore gives
 * bit-identical results and saves drawing them again (a gamma variate per actor and day, a fifth of an
 * unpooled run's time). The experiment runner makes one per replication; pass the same object to
 * {@link runScenario} for every strategy of one replication, and a new one for the next.
 *
 * Memory: one `Float64Array` of the horizon's days per consumption (about 30 KB per actor and item over
 * ten years), in one buffer, held as long as the object is.
 *
 * @example
 * const demand = new CommonDemand();
 * const national = runScenario(scenario, { strategy: createNationalOnly(), seed: 7, replication: 3, demand });
 * const pooled = runScenario(scenario, { strategy: createPooled(), seed: 7, replication: 3, demand }); // replays
 */
export class CommonDemand {
  private owner: { scenario: Scenario; seed: string; replication: number } | undefined;
  private draws: Float64Array | undefined;
  private complete = false;

  /** Whether a whole run's demand has been recorded (later runs replay it). */
  get recorded(): boolean {
    return this.complete;
  }

  /**
   * The draws a run reads (`replay` true) or writes: consumption `i`'s demand on `day` at
   * `i · days + day`. Called once per run, before it starts.
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if the object already belongs to another replication.
   * @internal
   */
  open(
    scenario: Scenario,
    seed: string,
    replication: number,
    consumptions: number,
    days: number,
  ): { readonly draws: Float64Array; readonly replay: boolean } {
    const owner = this.owner;
    if (owner === undefined) this.owner = { scenario, seed, replication };
    else if (owner.scenario !== scenario || owner.seed !== seed || owner.replication !== replication)
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `runScenario: options.demand holds the demand of ${owner.scenario === scenario ? '' : 'another scenario object, '}seed ${describeSeed(owner.seed)}, replication ${owner.replication}; this run is seed ${describeSeed(seed)}, replication ${replication}. Use a new CommonDemand for each replication.`,
      );
    if (this.complete) return { draws: this.draws!, replay: true };
    // A run that stopped part-way (it threw) left a partial record: start again.
    this.draws = new Float64Array(consumptions * days);
    return { draws: this.draws, replay: false };
  }

  /** Marks the recording run as finished. @internal */
  close(): void {
    if (this.draws !== undefined) this.complete = true;
  }
}
