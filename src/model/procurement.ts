/**
 * The procurement seam: who orders what from whom, and when, is decided behind one interface.
 *
 * Strategies see the model through read-only views and act only by placing orders through the
 * {@link ProcurementContext}; every friction (award, qualification and licence delays, budgets,
 * capacity, prices) is applied by the model, the same for every strategy.
 *
 * @module
 */
import { DibsimError, describeValue } from '../errors.js';
import type { Rng } from '../random/rng.js';
import { type ContractPurpose, DAYS_PER_MONTH, type PayerShare } from './contract.js';
import type { Membership, Scenario } from './scenario.js';

/** What a strategy sees of a nation. */
export interface NationView {
  /** Nation id. */
  readonly id: string;
  /** Memberships. */
  readonly memberships: readonly Membership[];
  /** Qualification standard of its forces. */
  readonly qualificationStandard: string;
  /** Ids of firms based in the nation. */
  readonly domesticFirms: readonly string[];
  /** Money not yet obligated in the current budget year, EUR. */
  readonly availableBudgetEur: number;
  /** Its stockpiles now, one per item (what urgency-based allocation rules weigh). */
  readonly stockpiles: readonly StockpileView[];
}

/** What a strategy sees of one of a nation's stockpiles. */
export interface StockpileView {
  /** Item id. */
  readonly item: string;
  /** Rounds in stock now. */
  readonly levelRounds: number;
  /** Demand not yet met, waiting for arrivals, rounds. */
  readonly backorderRounds: number;
  /** Stock the nation procures towards now, rounds. */
  readonly targetRounds: number;
  /** Safety level, rounds: the reorder point for top-ups from a pooled stock. */
  readonly safetyRounds: number;
  /** Rounds on order for this stock and not yet arrived (contracts, and transfers on their way). */
  readonly onOrderRounds: number;
  /**
   * Of `onOrderRounds`, rounds transferred from a pooled stock and not yet arrived, whichever strategy sent
   * them (see {@link DailyContext.transfer}).
   */
  readonly incomingTransferRounds: number;
  /** Mean consumption now, rounds per day (shocks included). */
  readonly demandRoundsPerDay: number;
}

/** What a strategy sees of a common stockpile held by a group (see {@link ProcurementContext.openPooledStock}). */
export interface PooledStockView {
  /** Group id that holds it, e.g. `"pesco-agency"`. */
  readonly owner: string;
  /** Item id. */
  readonly item: string;
  /** Rounds in stock now. */
  readonly levelRounds: number;
  /** Rounds on contracts delivering to it and not yet arrived. */
  readonly onOrderRounds: number;
}

/** A shipment from a pooled stock to a nation's stock of the same item. */
export interface TransferRequest {
  /** Owner of the pooled stock the rounds leave. */
  readonly from: string;
  /** Nation id whose stock receives them. */
  readonly to: string;
  /** Item id. */
  readonly item: string;
  /** Rounds to send (whole, > 0); the model sends at most what the pooled stock holds. */
  readonly rounds: number;
  /** Days until they arrive (≥ 0; 0 arrives the same day, after that day's consumption). */
  readonly delayDays: number;
}

/** Where one component of a firm's bill of materials comes from. */
export interface FirmInputView {
  /** Component id. */
  readonly component: string;
  /** Supplier id. */
  readonly supplier: string;
  /** Nation id of the supplier (may be a nation not in the scenario's `nations`). */
  readonly nation: string;
}

/** What a strategy sees of a firm. */
export interface FirmView {
  /** Firm id. */
  readonly id: string;
  /** Home nation id. */
  readonly nation: string;
  /** Item it produces. */
  readonly item: string;
  /** State-run or private. */
  readonly ownership: 'state' | 'private';
  /** Standards its rounds are qualified to now. */
  readonly qualifiedStandards: ReadonlySet<string>;
  /** Effective capacity now, rounds per month (0 during an outage). */
  readonly capacityPerMonth: number;
  /** Rounds still to produce across its order book. */
  readonly backlogRounds: number;
  /** Price per round it quotes now, EUR. */
  readonly quoteEur: number;
  /** First-tier inputs: one entry per component of its item's bill of materials, with the supplier's nation. */
  readonly inputs: readonly FirmInputView[];
}

/** A need to fill: rounds a nation should order now for its stock, or towards a pledge. */
export interface Need {
  /** Nation id that needs the rounds (and pays for them). */
  readonly nation: string;
  /** Item id. */
  readonly item: string;
  /** Rounds to order now (> 0). */
  readonly rounds: number;
  /** Where the rounds go: the nation itself, or a recipient under a pledge. */
  readonly deliverTo: string;
  /** Stock or pledge. */
  readonly purpose: ContractPurpose;
  /** For a pledge, the day by which the rounds should have arrived. */
  readonly deadlineDay?: number;
}

/**
 * Delivery span in months for a need: the contract length, shortened for a pledge so that deliveries
 * are scheduled by its deadline (at least one month).
 */
export function deliveryMonths(need: Need, day: number, contractLengthMonths: number): number {
  if (need.deadlineDay === undefined) return contractLengthMonths;
  const monthsLeft = Math.floor((need.deadlineDay - day) / DAYS_PER_MONTH);
  return Math.max(1, Math.min(contractLengthMonths, monthsLeft));
}

/** How an order's qualification and export-licence frictions apply, and the overheads it adds. */
export interface OrderTerms {
  /**
   * Standard the rounds must be qualified to; a firm not yet qualified to it pays the qualification
   * delay and cost once. Defaults to the first payer's national standard.
   */
  readonly standard?: string;
  /**
   * `'standard'`: cross-border sales wait for the seller nation's export licence and may be denied;
   * `'fast-lane'`: the delay is waived but the licence may still be denied; `'waived'`: no licence.
   * @defaultValue 'standard'
   */
  readonly licence?: 'standard' | 'fast-lane' | 'waived';
  /** Extra days before the award (e.g. coordination of a joint buy), in [0, 36525]. @defaultValue 0 */
  readonly extraAwardDelayDays?: number;
  /** Extra administrative cost of the order, EUR in [0, 1e15], paid by the payers pro rata. @defaultValue 0 */
  readonly overheadEur?: number;
  /**
   * Extra administrative cost as a share of the value placed (rounds placed × unit price), in [0, 1], on
   * top of `overheadEur` and paid the same way. Charged on what is placed: an order cut to what the budget
   * allows pays it on the rounds it buys, not on those it asked for. @defaultValue 0
   */
  readonly overheadShareOfValue?: number;
}

/**
 * An order a strategy places. `placeOrder` checks every field before it acts (see
 * {@link ProcurementContext.placeOrder}); a field not listed here is an error, not ignored.
 */
export interface OrderRequest {
  /** Nation or group id placing the order (for reporting), non-empty. */
  readonly buyer: string;
  /**
   * Who pays and receives: distinct nations of the scenario, each with a share in (0, 1], the shares
   * summing to 1 (±1e-9).
   */
  readonly payers: readonly PayerShare[];
  /** Firm id. */
  readonly firm: string;
  /** Item id. */
  readonly item: string;
  /** Rounds wanted (whole, 1 to 1e15). The model may reduce it to what the budget allows. */
  readonly rounds: number;
  /**
   * Months over which deliveries are spread, in monthly tranches: a number in [1, 1200], not necessarily
   * whole (a scenario's contract length may be drawn from a distribution). For a stock order delivered to
   * its payers, the model makes their current deficit deliverable at once and spreads only the rest (see
   * the scenario's `procurement.deficitFirstShare`).
   */
  readonly durationMonths: number;
  /**
   * Actor that receives the rounds and holds a stockpile of `item`: a nation, a recipient, a pooled stock's
   * owner (see {@link ProcurementContext.openPooledStock}), or `'@payers'` to split among payers.
   */
  readonly deliverTo: string;
  /** Stock, or a pledge of the scenario for the same item. */
  readonly purpose: ContractPurpose;
  /** Friction terms. */
  readonly terms?: OrderTerms;
}

/** The outcome of {@link ProcurementContext.placeOrder}. */
export type OrderResult = OrderPlaced | OrderUnaffordable;

/** An order that was placed (possibly for fewer rounds than asked, to fit the budget). */
export interface OrderPlaced {
  /** Discriminant. */
  readonly status: 'placed';
  /** Contract id. */
  readonly contract: number;
  /** Rounds ordered. */
  readonly rounds: number;
  /** Price per round, EUR. */
  readonly unitPriceEur: number;
  /** First day rounds may be delivered. */
  readonly activeFromDay: number;
}

/** An order the payers' budgets could not fund at all. */
export interface OrderUnaffordable {
  /** Discriminant. */
  readonly status: 'unaffordable';
  /** Always 0. */
  readonly rounds: 0;
}

/**
 * What a strategy can see and do at a review (or at its start). A context is valid only during the call it
 * is passed to: its methods throw a {@link DibsimError} `INVALID_STATE` once that call has returned (an
 * order through a kept context would be dated on the day of that call).
 */
export interface ProcurementContext {
  /** Simulated day (days since the scenario start). */
  readonly day: number;
  /** Calendar date of `day`, `YYYY-MM-DD`. */
  readonly date: string;
  /** Nations, in scenario order. */
  readonly nations: readonly NationView[];
  /** Firms, in scenario order. */
  readonly firms: readonly FirmView[];
  /** Contract length the scenario sets for ordinary contracts, months. */
  readonly contractLengthMonths: number;
  /**
   * What each nation should order now, computed by the model the same way for every strategy: the gap
   * between its target position (target stock + backorders + forecast consumption over the contract
   * length) and its position (stock + rounds on order), and the unordered part of its pledges.
   *
   * @param contractLengthMonths - months of forecast consumption in the target position, for strategies
   *   that commit longer (framework) contracts, in [0, 1200]; defaults to
   *   {@link ProcurementContext.contractLengthMonths}. Pledge needs do not depend on it.
   * @throws {@link DibsimError} `INVALID_ARGUMENT` for months outside [0, 1200] (or not a number).
   */
  needs(contractLengthMonths?: number): readonly Need[];
  /**
   * Places an order, subject to budget; see {@link OrderRequest}.
   *
   * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the first field of `request` that is not as
   *   {@link OrderRequest} describes it (nothing is ordered or obligated then).
   */
  placeOrder(request: OrderRequest): OrderResult;
  /** A random stream for the strategy's own decisions, keyed `strategy:<key>`. */
  stream(key: string): Rng;
  /**
   * Opens an empty common stockpile of `item` held by `owner` (a group id that is neither a nation nor a
   * recipient); calling it again for the same pair does nothing. Orders may then deliver to `owner`
   * (`deliverTo`), and the strategy's {@link ProcurementStrategy.daily} hook ships from it with
   * {@link DailyContext.transfer}. Its rounds are conserved and checked against the ledger like any stock.
   *
   * @throws {@link DibsimError} if `owner` is a nation or recipient id, or `item` is not a scenario item.
   */
  openPooledStock(owner: string, item: string): void;
  /** A pooled stock opened with {@link ProcurementContext.openPooledStock}, or `undefined`. */
  pooledStock(owner: string, item: string): PooledStockView | undefined;
  /**
   * Hands a pooled stock over to the nations that paid for it, for a strategy that stops holding it (see
   * {@link ProcurementStrategy.stop}): no round is created or lost, and none stays with `owner`.
   *
   * - Its rounds are sent to the payers of the contracts that delivered into it, in proportion to the rounds
   *   each paid for since its last hand-over, if any (whole rounds by largest remainder, ties to the nation
   *   listed first), arriving `delayDays` later and on order for the receiving stock until then, as
   *   {@link DailyContext.transfer} sends them. A payer that holds no stockpile of `item` gets no part.
   * - Contracts still to deliver into it deliver to their payers instead, each its share of every delivery
   *   (as contracts to `'@payers'` do), and count as on order for the payers' stocks, not for the pooled
   *   stock; so what members still pay for counts in their {@link ProcurementContext.needs}. A contract
   *   with a payer that holds no stockpile of `item` keeps delivering into the pooled stock.
   * - Transfers already on their way arrive as scheduled.
   *
   * The pooled stock stays open, empty and with nothing on order (unless a contract keeps delivering into
   * it, as above); opening it again reuses it. The context's `nations` show the stocks after the hand-over
   * for the rest of the call.
   *
   * @remarks By payment, not by need: the rounds are the payers' property, bought in the shares they paid,
   * so the split needs no judgement of urgency on the day of the hand-over, and it matches how the
   * contracts still to deliver are split. Needs after it are met by whatever strategy follows.
   * @param delayDays - whole days from the pooled stock to a nation's depot, ≥ 0
   * @returns the rounds sent
   * @throws {@link DibsimError} `INVALID_ARGUMENT` if no pooled stock of `item` held by `owner` was opened,
   *   or `delayDays` is not a whole number ≥ 0.
   */
  handOverPooledStock(owner: string, item: string, delayDays: number): number;
}

/**
 * What a strategy can see and do every day, after that day's consumption (see
 * {@link ProcurementStrategy.daily}). Valid only during a daily call: its methods throw a
 * {@link DibsimError} `INVALID_STATE` when called from elsewhere (a review, or after the run).
 */
export interface DailyContext {
  /** Simulated day. */
  readonly day: number;
  /** A nation's stockpile of `item` now, or `undefined` if it holds none. */
  stockpile(nation: string, item: string): StockpileView | undefined;
  /** A pooled stock, or `undefined` if none was opened for the pair. */
  pooledStock(owner: string, item: string): PooledStockView | undefined;
  /**
   * Ships rounds from a pooled stock to a nation's stock; returns the rounds sent (at most the pooled
   * stock's level). They count as on order for the receiving stock until they arrive.
   *
   * @throws {@link DibsimError} if the pooled stock or the nation's stockpile does not exist, or
   *   `rounds` / `delayDays` are not whole numbers ≥ 0.
   */
  transfer(request: TransferRequest): number;
}

/**
 * A procurement strategy: the rules of who may buy from whom and how demand is aggregated.
 *
 * `review` is called at the start of every calendar month (after budget years open). Strategies must be
 * deterministic given the context and their streams, and plain data in, plain data out, so that worker
 * threads can load them by module specifier.
 *
 * Speed: an experiment builds a new strategy for every replication from its factory. Return an instance
 * of a class (or one shared object) rather than an object literal of fresh closures: V8 keeps optimised
 * code only while a function using it is alive, so methods that are new closures each replication are
 * recompiled after every full garbage collection (for the built-ins, a tenth of the time of an
 * experiment run in the calling thread).
 */
export interface ProcurementStrategy {
  /** Display name, e.g. `"national-only"`. */
  readonly name: string;
  /**
   * Checks the parameters that refer to the scenario (nation ids, dates within the horizon, …), so that a
   * mistake fails before anything runs instead of inside a replication. `runExperiment`, `runSweep` and
   * `tornado` call it once per experiment (each sweep point), in the calling thread, on an instance made
   * for the purpose; `runScenario` calls it before its run. It must not change the strategy's state.
   * Optional: a strategy without scenario-dependent parameters leaves it out.
   *
   * @param scenario - the validated scenario the strategy is about to run on
   * @throws {@link ScenarioError} listing every parameter that does not fit the scenario, with a fix.
   */
  check?(scenario: Scenario): void;
  /** Called once at the start of the run. */
  start?(context: ProcurementContext): void;
  /**
   * Called once if a policy switch (`switchAt`) replaces the strategy during the run, at the review of the
   * switch, before the next strategy starts: the place to hand over what the strategy holds, such as a
   * pooled stock ({@link ProcurementContext.handOverPooledStock}). Not called at the end of a run.
   */
  stop?(context: ProcurementContext): void;
  /** Called at each monthly review. */
  review(context: ProcurementContext): void;
  /**
   * Called every day after consumption, for strategies that move stock between reviews (e.g. a pooled
   * stock topping up members). Strategies without it cost nothing per day.
   */
  daily?(context: DailyContext): void;
}

/** Whether `value` has a strategy's shape: a string `name` and a `review` function. @internal */
export function isProcurementStrategy(value: unknown): value is ProcurementStrategy {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProcurementStrategy).name === 'string' &&
    typeof (value as ProcurementStrategy).review === 'function'
  );
}

/**
 * Checks that `value` is a strategy (see {@link isProcurementStrategy}).
 *
 * @param where - what to name in the error, e.g. `runScenario: options.strategy`
 * @param fix - how to get one, e.g. `Pass e.g. createNationalOnly().`
 * @throws {@link DibsimError} `INVALID_ARGUMENT` otherwise.
 * @internal
 */
export function checkProcurementStrategy(
  value: unknown,
  where: string,
  fix: string,
): asserts value is ProcurementStrategy {
  if (!isProcurementStrategy(value)) {
    // A factory such as createPooled, passed uncalled, is the likeliest slip.
    const how = typeof value === 'function' ? `Call it for one: ${value.name || 'factory'}().` : fix;
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `${where} must be a strategy { name, review(context) } (got ${describeValue(value)}). ${how}`,
    );
  }
}
