/**
 * The world of one run: entities built from a scenario, the calendar of model events, the shared
 * procurement mechanics, and the results.
 *
 * Event granularity, for speed: one daily consumption tick for all actors, one weekly production step
 * for all suppliers and firms, one monthly review, plus arrivals, activations, outages and
 * commissioning as their own events. Same-day order (by calendar priority): budget years open, the
 * monthly review, arrivals, consumption, production.
 *
 * @module
 */
import { DibsimError, describeValue, ModelError } from '../errors.js';
import { mapToArray } from '../kernel/arrays.js';
import { AS_DOUBLE } from '../kernel/doubles.js';
import { Simulation } from '../kernel/simulation.js';
import { checkReplication, createStreams, normaliseSeed, type Streams } from '../random/streams.js';
import { ExactSum } from '../stats/exact-sum.js';
import type { Budget, YearAmounts } from './budget.js';
import { type FirmInput, WorldBuilder } from './build-world.js';
import { CommonDemand } from './common-demand.js';
import { Contract, DAYS_PER_MONTH, type PayerShare } from './contract.js';
import { dateOf, dayOf, monthStarts, yearStarts } from './dates.js';
import {
  type DeliveryPlan,
  type Destination,
  Destinations,
  deliverToPayers,
  planDelivery,
  roundsPaidFor,
} from './delivery-plan.js';
import { type Consumption, Pledge } from './demand.js';
import { checkOptionNames } from './field-suggestions.js';
import type { Firm } from './firm.js';
import { Ledger, type SenderAccount, type StockAccount } from './ledger.js';
import { MAX_QUANTITY } from './limits.js';
import { MonthlySeries } from './monthly-series.js';
import type { NationState } from './nation-state.js';
import { checkMonths, checkOrderRequest } from './order-request.js';
import { ParamResolver } from './params.js';
import {
  checkProcurementStrategy,
  type DailyContext,
  type FirmInputView,
  type NationView,
  type Need,
  type OrderRequest,
  type OrderResult,
  type OrderTerms,
  type PooledStockView,
  type ProcurementContext,
  type ProcurementStrategy,
  type StockpileView,
  type TransferRequest,
} from './procurement.js';
import type { RunResult } from './results.js';
import { buildResults } from './run-results.js';
import type { Scenario } from './scenario.js';
import { Stockpile } from './stockpile.js';
import type { Supplier } from './supplier.js';
import { wholeShares } from './whole-rounds.js';

/** Calendar priorities of model events on the same day (lower first). */
const PRIORITY = {
  budget: -4,
  review: -3,
  activation: -2,
  arrival: -1,
  consumption: 0,
  production: 1,
} as const;
/** Days between production steps (weekly). @internal */
export const PRODUCTION_STEP_DAYS = 7;
/** The answer to an order no payer can afford a round of (one frozen object: it is the answer to most attempts). */
const UNAFFORDABLE: OrderResult = Object.freeze({ status: 'unaffordable', rounds: 0 });
/** Default of `procurement.minOrderShare`: stock needs below this share of the target are not ordered. */
const DEFAULT_MIN_ORDER_SHARE = 0.005;
/** Default of `procurement.deficitFirstShare`: a buyer's whole deficit is deliverable at once. */
const DEFAULT_DEFICIT_FIRST_SHARE = 1;

/** Options for {@link runScenario}. */
export interface RunScenarioOptions {
  /** Procurement strategy. */
  readonly strategy: ProcurementStrategy;
  /**
   * Master seed (`42` and `"42"` are the same); leave it out for the default (`null` is an error).
   * @defaultValue 1
   */
  readonly seed?: number | string | undefined;
  /** Replication index (0-based); leave it out for the default (`null` is an error). @defaultValue 0 */
  readonly replication?: number | undefined;
  /**
   * Daily demand shared with the runs of other strategies on the same scenario, seed and replication: the
   * first run records it, the others replay it (bit-identical, and faster). One per replication.
   */
  readonly demand?: CommonDemand | undefined;
}

/** The fields of {@link RunScenarioOptions} (a record, so that the compiler keeps it in step). */
const RUN_OPTION_NAMES: readonly string[] = Object.keys({
  strategy: true,
  seed: true,
  replication: true,
  demand: true,
} satisfies Record<keyof RunScenarioOptions, true>);

/**
 * {@link runScenario} for a scenario the caller has validated and strategies it has checked: what each
 * replication of an experiment runs, so that thousands of replications do not validate the same scenario
 * again (worker threads receive it as a copy, which no record of validated objects can recognise).
 * @internal
 */
export function runValidatedScenario(scenario: Scenario, options: RunScenarioOptions): RunResult {
  return finishRun(new World(scenario, options));
}

/** Runs a built world to its horizon, checks its invariants and returns its results. @internal */
export function finishRun(world: World): RunResult {
  world.run();
  world.checkInvariants();
  return world.results();
}

/** The state of one run. Exposed for tests and custom tooling; most users call {@link runScenario}. */
export class World {
  /** The kernel simulation (time in days). */
  readonly sim = new Simulation();
  /** Independent ledger of flows. @internal */
  readonly ledger = new Ledger();
  /** Horizon, days. */
  readonly horizonDays: number;
  /** Nations by id. @internal */
  readonly nations = new Map<string, NationState>();
  /** Recipients' stockpiles by `recipient/item`. @internal */
  readonly recipientStock = new Map<string, Stockpile>();
  /** Common stockpiles opened by the strategy (e.g. a pooling agency's), by `owner/item`. @internal */
  readonly pooledStock = new Map<string, Stockpile>();
  /** Firms by id. */
  readonly firms = new Map<string, Firm>();
  /**
   * The nations and the firms in their maps' order, which the constructor fixes: what runs every month loops
   * over these rather than spreading or iterating the maps.
   */
  private readonly nationList: readonly NationState[];
  private readonly firmList: readonly Firm[];
  /** Suppliers in production order (inputs before users). @internal */
  readonly suppliers: Supplier[] = [];
  /** Every contract placed. */
  readonly contracts: Contract[] = [];
  /** Pledges. @internal */
  readonly pledges: Pledge[] = [];
  /** Rounds shipped and not yet arrived. */
  inTransitRounds = 0;
  /**
   * Shipments of the current production step, dispatched together: rounds, and what they are for (a
   * contract's deliveries, or a pledge's transfer from stock). Two arrays, not an object per shipment.
   */
  private outboundRounds: number[] = [];
  private outboundFor: (DeliveryPlan | Pledge)[] = [];
  /**
   * Each firm's rounds still to produce (what `firm.backlogRounds()` counts by walking its order book),
   * kept up to date as orders are placed, produced and denied: quotes need it thousands of times a run.
   */
  private readonly backlog = new Map<Firm, number>();
  /** Strategies' copies of each firm's qualified standards (see `qualifiedView`). */
  private readonly qualifiedViews = new Map<Firm, ReadonlySet<string>>();
  /** Each contract's deliveries, resolved when it was placed; index = contract id. */
  private readonly deliveries: DeliveryPlan[] = [];
  /**
   * Rounds of each contract's deliveries into a pooled stock that a hand-over already shared out (see
   * `handOverPooledStock`): a reopened stock handed over again shares only what was paid for since.
   */
  private readonly handedOverRounds = new Map<DeliveryPlan, number>();
  /** Plans with payments not yet credited to the firm and the ledger, in the order of their first one. */
  private readonly unpaidPlans: DeliveryPlan[] = [];
  private readonly destinations: Destinations;
  /** Every consumption (nations' first, then recipients') with its stockpile's ledger account. */
  private readonly consumers: { readonly consumption: Consumption; readonly account: StockAccount }[];
  /** Shared daily demand, and whether this run replays it (else it records it). */
  private readonly demand: CommonDemand | undefined;
  private readonly demandDraws: Float64Array | undefined;
  private readonly replayDemand: boolean = false;
  private readonly streams: Streams;
  private readonly params: ParamResolver;
  /** Each firm with its inputs and what it can make and wants this production step (reused every step). */
  private readonly producers: {
    firm: Firm;
    inputs: readonly FirmInput[];
    /** The ledger's account of what the firm made. */
    produced: SenderAccount;
    capacity: number;
    desired: number;
  }[];
  private readonly monthDays: number[];
  private readonly series: MonthlySeries;
  private readonly procurement: {
    contractLengthMonths: number;
    awardDelayDays: number;
    qualificationDelayDays: number;
    qualificationCostEur: number;
    transportDays: number;
    minOrderShare: number;
    deficitFirstShare: number;
    /** Firms serve pledge contracts before the rest (`productionOrder: 'pledgesFirst'`). */
    pledgesFirst: boolean;
  };
  /** Scratch lists for each payer's obligations while an order is appraised (see `placeOrder`). */
  private readonly scratchSplits: YearAmountsScratch[] = [];
  /** Scratch list of the payers' nations while an order is placed (see `placeOrder`). */
  private readonly scratchPayers: NationState[] = [];
  /** Day each (firm, standard) qualification completes. */
  private readonly qualifiedFrom = new Map<string, number>();
  private readonly strategy: ProcurementStrategy;
  /** The context of the strategy's call in progress, if any: the only one its methods accept. */
  private live: ProcurementContext | DailyContext | undefined;
  /** Each firm's first-tier inputs with their suppliers' nations, as strategies see them. */
  private readonly inputViews: Map<string, readonly FirmInputView[]>;

  /**
   * @param scenario - a validated scenario
   * @param options - strategy, seed and replication
   */
  constructor(
    readonly scenario: Scenario,
    options: RunScenarioOptions,
  ) {
    checkOptionNames(options, RUN_OPTION_NAMES, 'runScenario: options');
    const strategy: unknown = (options as Partial<RunScenarioOptions> | undefined)?.strategy;
    checkProcurementStrategy(
      strategy,
      'runScenario: options.strategy',
      "Load one with loadStrategy('national-only'), or write your own.",
    );
    this.strategy = strategy;
    // Defaults for left-out options only: a null seed or replication is a mistake to report.
    const { seed = 1, replication = 0 } = options;
    this.streams = createStreams(normaliseSeed(seed, 'runScenario: options.seed'), {
      replication: checkReplication(replication, 'runScenario: options.replication'),
    });
    this.params = new ParamResolver(this.streams, scenario.startDate);
    this.horizonDays = dayOf(scenario.startDate, scenario.endDate);
    this.monthDays = [0, ...monthStarts(scenario.startDate, scenario.endDate)];
    const p = this.params;
    const pr = scenario.procurement;
    this.procurement = {
      contractLengthMonths: p.num(pr.contractLengthMonths, 'procurement.contractLengthMonths'),
      awardDelayDays: p.num(pr.awardDelayDays, 'procurement.awardDelayDays'),
      qualificationDelayDays: p.num(pr.qualificationDelayDays, 'procurement.qualificationDelayDays'),
      qualificationCostEur: p.num(pr.qualificationCostEur, 'procurement.qualificationCostEur'),
      transportDays: Math.max(0, Math.round(p.num(pr.transportDays, 'procurement.transportDays'))),
      minOrderShare:
        pr.minOrderShare === undefined
          ? DEFAULT_MIN_ORDER_SHARE
          : p.num(pr.minOrderShare, 'procurement.minOrderShare'),
      deficitFirstShare:
        pr.deficitFirstShare === undefined
          ? DEFAULT_DEFICIT_FIRST_SHARE
          : p.num(pr.deficitFirstShare, 'procurement.deficitFirstShare'),
      pledgesFirst: pr.productionOrder === 'pledgesFirst',
    };
    const build = new WorldBuilder(scenario, this.params, this.streams);
    this.suppliers.push(...build.suppliers());
    const firms = build.firms(this.suppliers);
    for (const [id, firm] of firms.firms) {
      this.firms.set(id, firm);
      this.backlog.set(firm, firm.backlogRounds());
    }
    this.firmList = [...this.firms.values()];
    this.producers = mapToArray(this.firmList, (firm) => ({
      firm,
      inputs: firms.inputs.get(firm.id)!,
      produced: this.ledger.producer(firm.id),
      capacity: 0,
      desired: 0,
    }));
    const supplierNation = new Map(scenario.suppliers.map((s) => [s.id, s.nation]));
    this.inputViews = new Map(
      scenario.firms.map((f) => [
        f.id,
        mapToArray(f.inputs, (i) => ({
          component: i.component,
          supplier: i.supplier,
          nation: supplierNation.get(i.supplier) ?? '',
        })),
      ]),
    );
    for (const [id, nation] of build.nations()) this.nations.set(id, nation);
    this.nationList = [...this.nations.values()];
    const recipients = build.recipients();
    for (const [key, stock] of recipients.stock) this.recipientStock.set(key, stock);
    this.pledges.push(...build.pledges());
    this.destinations = new Destinations(this.nations, this.recipientStock, this.ledger, this.pooledStock);
    const consumptions = [...this.nationList.flatMap((n) => n.consumption), ...recipients.consumption];
    // A snapshot at each month start (each review) and one at the horizon.
    this.series = new MonthlySeries(
      {
        nations: this.nationList,
        firms: this.firmList,
        recipients: [...this.recipientStock.values()],
        pledges: this.pledges,
        pooled: this.pooledStock,
        backlogOf: (f) => this.backlogOf(f),
      },
      this.monthDays.length + 1,
    );
    this.consumers = mapToArray(consumptions, (consumption) => ({
      consumption,
      account: this.ledger.account(consumption.stockpile.key),
    }));
    this.demand = options.demand;
    if (this.demand !== undefined) {
      if (!(this.demand instanceof CommonDemand))
        throw new DibsimError(
          'INVALID_ARGUMENT',
          `runScenario: options.demand must be a CommonDemand (got ${describeValue(this.demand)}). Create one per replication with new CommonDemand(), or leave it out.`,
        );
      const { draws, replay } = this.demand.open(
        scenario,
        this.streams.seed,
        this.streams.replication,
        this.consumers.length,
        this.horizonDays,
      );
      this.demandDraws = draws;
      this.replayDemand = replay;
    }
  }

  /** Calendar date of a day. */
  date(day: number): string {
    return dateOf(this.scenario.startDate, day);
  }

  /** Runs to the horizon. */
  run(): void {
    const sim = this.sim;
    for (const nation of this.nations.values()) {
      const starts = yearStarts(
        this.scenario.startDate,
        this.scenario.endDate,
        nation.spec.fiscalYearStartMonth ?? 1,
      );
      starts.forEach((day, i) => {
        sim.schedule(day, () => nation.budget.openYear(i + 1, day), { priority: PRIORITY.budget });
      });
    }
    const start = this.strategy.start;
    if (start !== undefined)
      this.call(this.context('start'), (context) => start.call(this.strategy, context));
    for (const day of this.monthDays) sim.schedule(day, () => this.review(), { priority: PRIORITY.review });
    // One self-rescheduling callback per cadence keeps the calendar small.
    const every = (step: number, priority: number, action: (day: number) => void) => {
      let day = 0;
      // One options object per cadence: the calendar reads it and keeps only the priority.
      const options = { priority };
      const tick = (): void => {
        action(day);
        day += step;
        if (day < this.horizonDays) sim.schedule(step, tick, options);
      };
      sim.schedule(0, tick, options);
    };
    const daily = this.strategy.daily?.bind(this.strategy);
    if (daily === undefined) every(1, PRIORITY.consumption, (day) => this.consume(day));
    else {
      const context = this.dailyContext();
      every(1, PRIORITY.consumption, (day) => {
        this.consume(day);
        context.day = day;
        this.call(context, daily);
      });
    }
    every(PRODUCTION_STEP_DAYS, PRIORITY.production, (day) => this.produce(day));
    this.scheduleOutages();
    sim.run({ until: this.horizonDays });
    this.settlePayments();
    this.snapshot(); // state at the horizon
    this.demand?.close();
  }

  /** Checks conservation of rounds and money against the ledger. @throws {@link ModelError} */
  checkInvariants(): void {
    this.settlePayments();
    for (const firm of this.firms.values()) {
      if (this.backlogOf(firm) !== firm.backlogRounds())
        throw new ModelError(
          `backlog kept ${this.backlogOf(firm)} rounds, order book ${firm.backlogRounds()}`,
          this.sim.now,
          `firm:${firm.id}`,
        );
    }
    for (const s of this.suppliers) {
      if (!(s.stock >= 0))
        throw new ModelError(`component stock ${s.stock}, below 0`, this.sim.now, `supplier:${s.id}`);
    }
    const stockpiles = [...this.allStockpiles()];
    // What each firm's deliveries are worth at their contracts' prices, for the payments to be held against.
    const worth = new Map<string, ExactSum>();
    for (const c of this.contracts) {
      const sum = worth.get(c.firm) ?? new ExactSum();
      worth.set(c.firm, sum);
      sum.addProduct(c.deliveredRounds, c.unitPriceEur);
    }
    this.ledger.check(
      {
        firms: [...this.firms.values()].map((f) => ({
          id: f.id,
          cumulativeRounds: f.cumulativeRounds,
          heldRounds: f.heldRounds,
          revenueEur: f.revenue.value,
          deliveredEur: worth.get(f.id)?.value ?? 0,
        })),
        stockpiles,
        payers: [...this.nations.values()].map((n) => ({ id: n.spec.id, spentEur: n.budget.spent.value })),
        inTransitRounds: this.inTransitRounds,
      },
      this.sim.now,
    );
  }

  private *allStockpiles(): Generator<Stockpile> {
    for (const n of this.nations.values()) yield* n.stockpiles.values();
    yield* this.recipientStock.values();
    yield* this.pooledStock.values();
  }

  private scheduleOutages(): void {
    const plan = (
      id: string,
      outages: { meanDaysBetween: number; meanDaysToRepair: number },
      setUp: (up: boolean) => void,
    ) => {
      const rng = this.streams.stream(`outage:${id}`);
      const exp = (mean: number) => -Math.log(1 - rng()) * mean;
      const cycle = (): void => {
        this.sim.schedule(exp(outages.meanDaysBetween), () => {
          setUp(false);
          this.sim.schedule(exp(outages.meanDaysToRepair), () => {
            setUp(true);
            cycle();
          });
        });
      };
      cycle();
    };
    for (const f of this.scenario.firms) {
      if (f.outages === null) continue;
      const firm = this.firms.get(f.id)!;
      plan(`firm:${f.id}`, this.outageParams(f.outages, `firms[${f.id}].outages`), (up) => {
        firm.up = up;
        if (!up) firm.resetCarry();
      });
    }
    for (const s of this.scenario.suppliers) {
      if (s.outages === null) continue;
      const supplier = this.suppliers.find((x) => x.id === s.id)!;
      plan(`supplier:${s.id}`, this.outageParams(s.outages, `suppliers[${s.id}].outages`), (up) => {
        supplier.up = up;
      });
    }
  }

  private outageParams(o: NonNullable<Scenario['firms'][number]['outages']>, path: string) {
    return {
      meanDaysBetween: this.params.num(o.meanDaysBetween, `${path}.meanDaysBetween`),
      meanDaysToRepair: this.params.num(o.meanDaysToRepair, `${path}.meanDaysToRepair`),
    };
  }

  // ---- daily, weekly and monthly steps ------------------------------------------------------------

  private consume(day: number): void {
    const consumers = this.consumers;
    const draws = this.demandDraws;
    for (let i = 0; i < consumers.length; i++) {
      const { consumption: c, account } = consumers[i]!;
      let rounds: number;
      if (draws === undefined) rounds = c.draw(day);
      else if (this.replayDemand) rounds = draws[i * this.horizonDays + day]!;
      else {
        rounds = c.draw(day);
        draws[i * this.horizonDays + day] = rounds;
      }
      const before = c.stockpile.level;
      c.stockpile.consume(rounds, day);
      this.ledger.servedAt(account, before - c.stockpile.level);
    }
  }

  private produce(day: number): void {
    const days = Math.min(PRODUCTION_STEP_DAYS, this.horizonDays - day);
    for (const s of this.suppliers) s.produce(day, days);
    this.transferPledgesFromStock(day);
    // Two passes: firms state what they want, then every supplier grants the same share to all.
    for (const p of this.producers) {
      p.capacity = p.firm.capacityFor(day, days);
      p.desired = p.firm.demandBy(day, Math.floor(p.capacity));
      for (const input of p.inputs) input.supplier.requested += p.desired * input.perRound;
    }
    // Ratios fixed before anyone draws, so a firm's place in the list does not change its share.
    for (const s of this.suppliers) s.granted = s.grantRatio();
    for (const p of this.producers) {
      let ratio = 1;
      for (const input of p.inputs) ratio = Math.min(ratio, input.supplier.granted);
      const rounds = Math.floor(p.desired * ratio);
      for (const input of p.inputs) input.supplier.take(rounds * input.perRound);
      p.firm.recordOutput(rounds, p.capacity, p.desired);
      this.ledger.producedAt(p.produced, rounds);
      this.allocate(p.firm, rounds, day);
    }
    for (const s of this.suppliers) s.requested = 0;
    this.dispatch();
  }

  /** Hands `rounds` to the firm's active contracts in order and ships them. */
  private allocate(firm: Firm, rounds: number, day: number): void {
    let left = rounds;
    let sender: SenderAccount | undefined;
    const book = firm.book;
    let touched = 0;
    for (; touched < book.length && left > 0; touched++) {
      const c = book[touched]!;
      if (c.status !== 'active') continue;
      const give = Math.min(left, c.allowedBy(day) - c.producedRounds);
      if (give <= 0) continue;
      c.producedRounds += give;
      left -= give;
      sender ??= this.ledger.sender(firm.id);
      this.ship(sender, give, this.deliveries[c.id]!);
    }
    this.addBacklog(firm, left - rounds);
    // A contract leaves the order book once fully produced, so weekly scans stay short; only the
    // contracts this step reached can have finished.
    if (rounds > 0) removeProduced(book, touched);
    if (left !== 0)
      throw new DibsimError(
        'INVALID_STATE',
        `firm ${firm.id} produced ${left} rounds with no order to take them`,
      );
  }

  /** Sends `rounds` on their way; they arrive with the rest of this production step's shipments. */
  private ship(sender: SenderAccount, rounds: number, to: DeliveryPlan | Pledge): void {
    this.ledger.shippedBy(sender, rounds);
    this.inTransitRounds += rounds;
    this.outboundRounds.push(rounds);
    this.outboundFor.push(to);
  }

  /**
   * Schedules this step's shipments as one calendar entry: they would arrive at the same time and
   * priority, in this order, anyway; one entry instead of one per shipment keeps the calendar small.
   */
  private dispatch(): void {
    if (this.outboundRounds.length === 0) return;
    const rounds = this.outboundRounds;
    const targets = this.outboundFor;
    this.outboundRounds = [];
    this.outboundFor = [];
    this.sim.schedule(
      this.procurement.transportDays,
      () => {
        for (let i = 0; i < rounds.length; i++) {
          const n = rounds[i]!;
          const to = targets[i]!;
          this.inTransitRounds -= n;
          if (to instanceof Pledge) {
            this.receive(this.destinations.of(to.recipient, to.item), n);
            to.arrive(n, this.sim.now);
          } else this.deliver(to, n);
        }
      },
      { priority: PRIORITY.arrival },
    );
  }

  private deliver(plan: DeliveryPlan, rounds: number): void {
    const c = plan.contract;
    c.deliveredRounds += rounds;
    this.trackOnOrder(plan, -rounds);
    const price = c.unitPriceEur;
    // Each payer pays its share (credited to the firm and the ledger when the run ends, see
    // settlePayments); split rounds go to payers' stocks in whole rounds, largest share last.
    let left = rounds;
    const payers = plan.payers;
    for (let i = 0; i < payers.length; i++) {
      const p = payers[i]!;
      const paidRounds = rounds * p.share;
      p.budget.pay(paidRounds, price);
      if (p.unpaidParts === undefined) p.unpaidRounds += paidRounds;
      else p.unpaidParts.add(paidRounds);
      if (p.destination !== undefined) {
        const part = wholePart(rounds, p.share, left, i === payers.length - 1);
        left -= part;
        this.receive(p.destination, part);
      }
    }
    if (!plan.unpaid) {
      plan.unpaid = true;
      this.unpaidPlans.push(plan);
    }
    if (plan.destination !== undefined) this.receive(plan.destination, rounds);
    plan.pledge?.arrive(rounds, this.sim.now);
    if (c.deliveredRounds === c.quantityRounds) {
      c.status = 'completed';
    }
  }

  /**
   * Credits the payments made since the last settlement to the firms' revenue and to the ledger: per
   * contract and payer, the rounds paid for times the unit price, exactly. Budgets are charged at each
   * delivery (their spending is a monthly output); revenue and the ledger are read only by the checks and
   * the results, so crediting them once a run, not at each delivery, saves two exact products per payer
   * and delivery. The totals are the same, bit for bit: every sum is exact, and an exact sum reads the same
   * whatever the grouping of its terms. The budgets, charged on their own path, are checked against the
   * ledger (see {@link World.checkInvariants}).
   */
  private settlePayments(): void {
    for (const plan of this.unpaidPlans) {
      const price = plan.contract.unitPriceEur;
      const revenue = plan.firm.revenue;
      for (const p of plan.payers) {
        const credit = (rounds: number) => {
          revenue.addProduct(rounds, price);
          this.ledger.paidVia(p.payment, rounds, price);
        };
        if (p.unpaidParts === undefined) credit(p.unpaidRounds);
        else p.unpaidParts.forEachPartial(credit);
        p.unpaidRounds = 0;
        p.unpaidParts?.reset();
      }
      plan.unpaid = false;
    }
    this.unpaidPlans.length = 0;
  }

  private receive(to: Destination, rounds: number): void {
    if (rounds === 0) return;
    const stock = to.stock;
    const account = to.account;
    if (stock === undefined || account === undefined)
      throw new DibsimError('INVALID_STATE', `no stockpile of ${to.item} for ${to.actor}`);
    const before = stock.level;
    stock.receive(rounds, this.sim.now);
    this.ledger.arrivedAt(account, rounds);
    // What did not go into stock met backorders: demand served late, out of this delivery.
    this.ledger.servedAt(account, rounds - (stock.level - before));
  }

  private transferPledgesFromStock(day: number): void {
    for (const p of this.pledges) {
      if (day < p.startDay) continue;
      for (const d of p.donors) {
        if (d.fromStockRemaining <= 0) continue;
        const stock = this.nations.get(d.nation)!.stockpiles.get(p.item);
        const taken = stock === undefined ? 0 : stock.transferOut(d.fromStockRemaining, stock.safetyRounds);
        if (taken > 0) {
          d.fromStockRemaining -= taken;
          this.ledger.transferred(stock!.key, taken);
          this.ship(this.ledger.sender(`stock:${d.nation}`), taken, p);
        }
        // Past the deadline, what stock could not give must be bought.
        if (day >= p.deadlineDay && d.fromStockRemaining > 0) {
          d.procureRounds += d.fromStockRemaining;
          d.fromStockRemaining = 0;
        }
      }
    }
  }

  private review(): void {
    this.call(this.context('review', this.snapshot()), (context) => this.strategy.review(context));
    const day = this.sim.now;
    for (const firm of this.firmList) {
      if (!firm.decidesToInvest(day, this.backlogOf(firm))) continue;
      const inv = firm.params.investment;
      firm.lines.push({
        id: `added-${firm.lines.length}`,
        nameplateRoundsPerMonth: inv.moduleRoundsPerMonth,
        commissionedDay: day + inv.buildLeadTimeDays,
      });
      firm.capex.add(firm.moduleNetCapexEur);
      firm.addedNameplateRoundsPerMonth += inv.moduleRoundsPerMonth;
    }
  }

  // ---- the procurement context --------------------------------------------------------------------

  /**
   * The strategy's view of the world now. `snap`, the index of a snapshot taken now, supplies the firms'
   * capacities and quotes (the same numbers, worked out once a review instead of twice).
   */
  private context(hook: 'start' | 'review', snap?: number): ProcurementContext {
    const day = this.sim.now;
    // `nations` is written again after a hand-over of a pooled stock (see handOverPooledStock below).
    const context: ProcurementContext & { nations: readonly NationView[] } = {
      day,
      date: this.date(day),
      contractLengthMonths: this.procurement.contractLengthMonths,
      nations: this.nationViews(day),
      firms: mapToArray(this.firmList, (f, i) => ({
        id: f.id,
        nation: f.params.nation,
        item: f.params.item,
        ownership: f.params.ownership,
        qualifiedStandards: this.qualifiedView(f),
        capacityPerMonth:
          snap === undefined ? f.capacityPerMonth(day) : this.series.firms[i]!.capacity[snap]!,
        backlogRounds: this.backlogOf(f),
        quoteEur: snap === undefined ? f.quote(day, this.backlogOf(f)) : this.series.firms[i]!.price[snap]!,
        inputs: this.inputViews.get(f.id)!,
      })),
      needs: (lengthMonths) => {
        this.checkLive(context, 'needs', hook);
        if (lengthMonths === undefined) return this.needs(day, this.procurement.contractLengthMonths);
        checkMonths('needs: contractLengthMonths', lengthMonths, 0);
        return this.needs(day, lengthMonths);
      },
      placeOrder: (request) => {
        this.checkLive(context, 'placeOrder', hook);
        return this.placeOrder(request, day);
      },
      stream: (key) => {
        this.checkLive(context, 'stream', hook);
        return this.streams.stream(`strategy:${key}`);
      },
      openPooledStock: (owner, item) => {
        this.checkLive(context, 'openPooledStock', hook);
        this.openPooledStock(owner, item);
      },
      pooledStock: (owner, item) => {
        this.checkLive(context, 'pooledStock', hook);
        return this.pooledStockView(owner, item);
      },
      handOverPooledStock: (owner, item, delayDays) => {
        this.checkLive(context, 'handOverPooledStock', hook);
        const sent = this.handOverPooledStock(owner, item, delayDays);
        // Rounds on order moved to the members: the strategy that starts next in this call must see them.
        context.nations = this.nationViews(day);
        return sent;
      },
    };
    return context;
  }

  /** What a strategy sees of the nations on `day` (today), in scenario order. */
  private nationViews(day: number): NationView[] {
    return mapToArray(this.nationList, (n) => ({
      id: n.spec.id,
      memberships: n.spec.memberships,
      qualificationStandard: n.spec.qualificationStandard,
      domesticFirms: n.domesticFirms,
      availableBudgetEur: n.budget.availableEur,
      stockpiles: mapToArray(n.stockpileList, (s) => this.stockpileView(n, s, day)),
    }));
  }

  /** Calls a strategy's hook with `context`, which is live only until the hook returns. */
  private call<C extends ProcurementContext | DailyContext>(context: C, hook: (context: C) => void): void {
    this.live = context;
    try {
      hook(context);
    } finally {
      this.live = undefined;
    }
  }

  /**
   * Refuses a context kept past the call it was passed to (its view of the world is stale, and an order
   * placed through it would be dated on the day of that call).
   */
  private checkLive(context: ProcurementContext | DailyContext, method: string, hook: string): void {
    if (this.live === context) return;
    throw new DibsimError(
      'INVALID_STATE',
      `${method}: the context of the ${hook} call of day ${context.day} was used after that call returned (now day ${this.sim.now}). Use the context passed to the call in progress (start, review or daily): a context is valid only until its call returns.`,
    );
  }

  /**
   * A copy of the standards `firm` is qualified to, for strategies' views: remade only when the firm
   * qualifies to another (standards are only ever added, so the size tells), not at every review.
   */
  private qualifiedView(firm: Firm): ReadonlySet<string> {
    let view = this.qualifiedViews.get(firm);
    if (view === undefined || view.size !== firm.qualifiedStandards.size) {
      view = new Set(firm.qualifiedStandards);
      this.qualifiedViews.set(firm, view);
    }
    return view;
  }

  private stockpileView(n: NationState, s: Stockpile, day: number): StockpileView {
    return {
      item: s.item,
      levelRounds: s.level,
      backorderRounds: s.backorderRounds,
      targetRounds: n.targets.get(s.item)!(day),
      safetyRounds: s.safetyRounds,
      onOrderRounds: s.onOrderRounds,
      incomingTransferRounds: s.incomingTransferRounds,
      demandRoundsPerDay: meanDemand(n, s, day),
    };
  }

  /** One context object for the whole run; its `day` is set before each call. */
  private dailyContext(): DailyContext & { day: number } {
    const context = {
      day: 0,
      stockpile: (nation: string, item: string) => {
        this.checkLive(context, 'stockpile', 'daily');
        const n = this.nations.get(nation);
        const s = n?.stockpiles.get(item);
        return n === undefined || s === undefined ? undefined : this.stockpileView(n, s, this.sim.now);
      },
      pooledStock: (owner: string, item: string) => {
        this.checkLive(context, 'pooledStock', 'daily');
        return this.pooledStockView(owner, item);
      },
      transfer: (request: TransferRequest) => {
        this.checkLive(context, 'transfer', 'daily');
        return this.transfer(request);
      },
    };
    return context;
  }

  private pooledStockView(owner: string, item: string): PooledStockView | undefined {
    const s = this.pooledStock.get(`${owner}/${item}`);
    return s === undefined
      ? undefined
      : { owner: s.owner, item: s.item, levelRounds: s.level, onOrderRounds: s.onOrderRounds };
  }

  private openPooledStock(owner: string, item: string): void {
    const key = `${owner}/${item}`;
    if (this.pooledStock.has(key)) return;
    if (this.nations.has(owner) || this.scenario.recipients.some((r) => r.id === owner))
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `openPooledStock: "${owner}" is a nation or recipient; use a group id such as "pesco-agency".`,
      );
    if (!this.scenario.items.some((i) => i.id === item))
      throw new DibsimError('INVALID_ARGUMENT', `openPooledStock: unknown item "${item}".`);
    this.pooledStock.set(key, new Stockpile(owner, item, 0, Number.POSITIVE_INFINITY, 0, false));
  }

  /** Moves rounds from a pooled stock to a nation's stock, through the ledger like any shipment. */
  private transfer(request: TransferRequest): number {
    const { from, to, item, rounds, delayDays } = request;
    const pool = this.pooledStock.get(`${from}/${item}`);
    const dest = this.nations.get(to)?.stockpiles.get(item);
    if (pool === undefined || dest === undefined)
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `transfer: ${pool === undefined ? `no pooled stock of ${item} held by "${from}"` : `nation "${to}" holds no ${item}`}.`,
      );
    if (!Number.isInteger(rounds) || rounds < 0 || !Number.isInteger(delayDays) || delayDays < 0)
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `transfer: rounds and delayDays must be whole numbers >= 0 (got ${rounds}, ${delayDays}).`,
      );
    const taken = pool.transferOut(rounds, 0);
    if (taken === 0) return 0;
    this.ledger.transferred(pool.key, taken);
    this.ledger.shipped(`stock:${from}`, taken);
    this.inTransitRounds += taken;
    dest.onOrderRounds += taken;
    dest.incomingTransferRounds += taken;
    const destination = this.destinations.of(to, item);
    this.sim.schedule(
      delayDays,
      () => {
        this.inTransitRounds -= taken;
        dest.onOrderRounds -= taken;
        dest.incomingTransferRounds -= taken;
        this.receive(destination, taken);
      },
      { priority: PRIORITY.arrival },
    );
    return taken;
  }

  /** See {@link ProcurementContext.handOverPooledStock}. */
  private handOverPooledStock(owner: string, item: string, delayDays: number): number {
    const pool = this.pooledStock.get(`${owner}/${item}`);
    if (pool === undefined)
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `handOverPooledStock: no pooled stock of ${item} held by "${owner}". Open it with openPooledStock first.`,
      );
    if (!Number.isInteger(delayDays) || delayDays < 0)
      throw new DibsimError(
        'INVALID_ARGUMENT',
        `handOverPooledStock: delayDays must be a whole number >= 0 (got ${describeValue(delayDays)}). Use the days from the pooled stock to a depot, e.g. 7.`,
      );
    const plans = this.deliveries.filter((p) => p.destination?.stock === pool);
    for (const plan of plans) {
      const c = plan.contract;
      const left = c.quantityRounds - c.deliveredRounds;
      if (c.status === 'denied' || left === 0) continue;
      // Off the pooled stock's rounds on order, onto the payers' (back where they were if a payer holds no
      // stockpile of the item and the contract keeps delivering into the pooled stock).
      this.trackOnOrder(plan, -left);
      deliverToPayers(
        plan,
        mapToArray(c.payers, (p) => this.nations.get(p.payer)!),
        this.destinations,
      );
      this.trackOnOrder(plan, left);
    }
    const paid = roundsPaidFor(plans, this.handedOverRounds);
    for (const plan of plans) this.handedOverRounds.set(plan, plan.contract.deliveredRounds);
    const to = this.nationList.filter((n) => (paid.get(n.spec.id) ?? 0) > 0 && n.stockpiles.has(item));
    const parts = wholeShares(
      pool.level,
      mapToArray(to, (n) => paid.get(n.spec.id)!),
    );
    let sent = 0;
    to.forEach((n, i) => {
      if (parts[i]! > 0)
        sent += this.transfer({ from: owner, to: n.spec.id, item, rounds: parts[i]!, delayDays });
    });
    return sent;
  }

  private needs(day: number, contractLengthMonths: number): Need[] {
    const lengthDays = contractLengthMonths * DAYS_PER_MONTH;
    const out: Need[] = [];
    for (const n of this.nationList) {
      for (const stock of n.stockpileList) {
        const item = stock.item;
        const rate = meanDemand(n, stock, day);
        const target = n.targets.get(item)!(day);
        const position = stock.level + this.onOrder(n.spec.id, item);
        const need = Math.floor(target + stock.backorderRounds + rate * lengthDays - position);
        if (need > Math.max(1, target * this.procurement.minOrderShare)) {
          out.push({
            nation: n.spec.id,
            item,
            // At most one order's cap: a target at the cap plus a day's demand failed in placeOrder.
            rounds: Math.min(need, MAX_QUANTITY),
            deliverTo: n.spec.id,
            purpose: { kind: 'stock' },
          });
        }
      }
    }
    for (const p of this.pledges) {
      if (day < p.startDay) continue;
      for (const d of p.donors) {
        const rounds = d.procureRounds - d.orderedRounds;
        if (rounds > 0)
          out.push({
            nation: d.nation,
            item: p.item,
            rounds,
            deliverTo: p.recipient,
            purpose: { kind: 'pledge', pledge: p.id },
            deadlineDay: p.deadlineDay,
          });
      }
    }
    return out;
  }

  /** Rounds ordered for `nation`'s own stock and not yet delivered. */
  private onOrder(nation: string, item: string): number {
    return this.nations.get(nation)?.stockpiles.get(item)?.onOrderRounds ?? 0;
  }

  /** Adds `rounds` (negative to remove) of a stock contract to its payers' rounds on order. */
  private trackOnOrder(plan: DeliveryPlan, rounds: number): void {
    for (const { stock, share } of plan.onOrder) stock.onOrderRounds += rounds * share;
  }

  /**
   * The share of a stock order's rounds deliverable at once: `deficitFirstShare` of the deficit it covers,
   * what its buyers lack now (target + backorders − stock on hand, less what other orders of the day
   * cover), each payer counted up to its part of the order. The day's orders cover the deficit, and call
   * off `deficitFirstShare` of it, whether it comes in one contract or is split among firms. Rounds on
   * order from earlier reviews do not reduce it: they may be due years later, while the deficit is now.
   * Pledge orders, and orders for a pooled stock or any stock but a payer's own, keep the even schedule.
   * With `placed` (rounds placed, after a budget cut), books each payer's part as covered today instead.
   */
  private upfrontShare(
    request: OrderRequest,
    nations: readonly NationState[],
    day: number,
    placed?: number,
  ): number {
    const share = this.procurement.deficitFirstShare;
    if (share === 0 || request.purpose.kind !== 'stock') return 0;
    const toPayers = request.deliverTo === '@payers';
    let deficit = 0;
    for (let i = 0; i < nations.length; i++) {
      const n = nations[i]!;
      if (!toPayers && request.deliverTo !== n.spec.id) continue;
      const stock = n.stockpiles.get(request.item);
      if (stock === undefined) continue;
      if (stock.deficitCoveredDay !== day) {
        stock.deficitCoveredDay = day;
        stock.deficitCoveredRounds = 0;
      }
      const short =
        n.targets.get(request.item)!(day) + stock.backorderRounds - stock.level - stock.deficitCoveredRounds;
      if (!(short > 0)) continue;
      // What this order covers, not only what it calls off: a later order of the day must not call off
      // the share of it left to the tranches (with deficitFirstShare 1 the two are the same).
      const covered = Math.min(short, request.payers[i]!.share * request.rounds);
      deficit += covered;
      if (placed !== undefined) stock.deficitCoveredRounds += (covered * placed) / request.rounds;
    }
    return Math.min(1, (share * deficit) / request.rounds);
  }

  private placeOrder(request: OrderRequest, day: number): OrderResult {
    checkOrderRequest(request, this.firms, this.nations, this.pledges, this.destinations);
    const firm = this.firms.get(request.firm)!;
    // Plain loops, not closures: nearly half the calls under pooled procurement end unaffordable, and
    // closures would make every call allocate their context. For the same reason the payers' nations go in
    // a scratch list, written by index (see monthlyObligations); nothing keeps it past this call.
    const shares = request.payers;
    const nations = this.scratchPayers;
    for (let i = 0; i < shares.length; i++) nations[i] = this.nations.get(shares[i]!.payer)!;
    nations.length = shares.length;
    const terms = request.terms ?? NO_TERMS;
    const standard = terms.standard ?? nations[0]!.spec.qualificationStandard;
    const award = this.procurement.awardDelayDays + (terms.extraAwardDelayDays ?? 0);
    // Qualification to the buyer's standard, paid once per (firm, standard), in parallel with licensing.
    const qualified = firm.qualifiedStandards.has(standard);
    const key = qualified ? '' : `${firm.id}|${standard}`;
    let qualifiedDay = qualified ? day : this.qualifiedFrom.get(key);
    const needsQualification = qualifiedDay === undefined;
    if (qualifiedDay === undefined) qualifiedDay = day + award + this.procurement.qualificationDelayDays;
    let crossBorder = false;
    for (const n of nations) if (n.spec.id !== firm.params.nation) crossBorder = true;
    const licence = terms.licence ?? 'standard';
    const seller = this.nations.get(firm.params.nation);
    const licenceDelay = crossBorder && licence === 'standard' ? (seller?.licenceDelayDays ?? 0) : 0;
    const activeFromDay = Math.max(day + award + licenceDelay, qualifiedDay);
    const price = firm.quote(day, this.backlogOf(firm));
    const upfrontShare = this.upfrontShare(request, nations, day);
    // Each payer's obligations by budget year for the whole order, in scratch lists (nearly half the calls
    // under pooled procurement end unaffordable); a placed order keeps copies, scaled if it was cut.
    const splits = this.scratchSplits;
    while (splits.length < nations.length) splits.push({ years: [], amounts: [] });
    let fraction = 1;
    for (let i = 0; i < nations.length; i++) {
      const budget = nations[i]!.budget;
      const split = splits[i]!;
      monthlyObligations(
        budget,
        activeFromDay,
        request.durationMonths,
        request.rounds * shares[i]!.share * price,
        upfrontShare,
        split,
      );
      fraction = Math.min(fraction, budget.affordableShare(split));
      // The fraction only falls with more payers: once no whole round fits, none will.
      if (fraction < 1 && wholeRounds(request.rounds, fraction) < 1) return UNAFFORDABLE;
    }
    const rounds = fraction >= 1 ? request.rounds : wholeRounds(request.rounds, fraction);
    const contract = new Contract(
      this.contracts.length,
      request.buyer,
      mapToArray(shares, payerShare),
      firm.id,
      request.item,
      rounds,
      price,
      day,
      activeFromDay,
      request.durationMonths,
      request.deliverTo,
      request.purpose,
      Math.floor(upfrontShare * rounds),
    );
    if (upfrontShare > 0) this.upfrontShare(request, nations, day, rounds);
    const obligated: YearAmounts[] = [];
    const overhead =
      (needsQualification ? this.procurement.qualificationCostEur : 0) +
      (terms.overheadEur ?? 0) +
      (terms.overheadShareOfValue ?? 0) * rounds * price;
    for (let i = 0; i < nations.length; i++) {
      const nation = nations[i]!;
      const byYear = scaledCopy(splits[i]!, rounds === request.rounds ? 1 : rounds / request.rounds);
      nation.budget.obligateAmounts(byYear);
      obligated.push(byYear);
      nation.overhead.eur += overhead * shares[i]!.share;
    }
    contract.obligated = obligated;
    if (needsQualification) this.qualifiedFrom.set(key, qualifiedDay);
    this.contracts.push(contract);
    const plan = planDelivery(contract, firm, nations, this.destinations, this.ledger, this.pledges);
    this.deliveries.push(plan);
    this.trackOnOrder(plan, rounds);
    if (request.purpose.kind === 'pledge') this.bookPledgeOrder(request.purpose.pledge, shares, rounds);
    // Export licence decision at the end of the licence delay; denial cancels and releases the money.
    const denied =
      crossBorder && licence !== 'waived' && seller !== undefined && seller.licenceDenial() === 1;
    insertInBook(firm.book, contract, this.procurement.pledgesFirst);
    this.addBacklog(firm, rounds);
    this.scheduleActivation(plan, day, standard, denied, needsQualification ? key : undefined);
    return { status: 'placed', contract: contract.id, rounds, unitPriceEur: price, activeFromDay };
  }

  /**
   * On the activation day of `plan`'s contract (placed on `day`): it becomes active and its firm counts as
   * qualified to `standard`; or, if its export licence was `denied`, it leaves the order book and its money
   * is released. `qualificationKey` is set when the contract carried a new qualification.
   */
  private scheduleActivation(
    plan: DeliveryPlan,
    day: number,
    standard: string,
    denied: boolean,
    qualificationKey: string | undefined,
  ): void {
    const { contract, firm } = plan;
    this.sim.schedule(
      contract.activeFromDay - day,
      () => {
        if (denied) {
          const rounds = contract.quantityRounds;
          contract.status = 'denied';
          firm.book.splice(firm.book.indexOf(contract), 1);
          this.addBacklog(firm, contract.producedRounds - rounds);
          this.trackOnOrder(plan, -rounds);
          plan.payers.forEach((p, i) => {
            p.budget.releaseAmounts(contract.obligated[i]!);
          });
          if (contract.purpose.kind === 'pledge')
            this.bookPledgeOrder(contract.purpose.pledge, contract.payers, rounds, -1);
          // A qualification that rode on the denied contract did not happen; the next order pays it.
          if (qualificationKey !== undefined && !firm.qualifiedStandards.has(standard))
            this.qualifiedFrom.delete(qualificationKey);
          return;
        }
        contract.status = 'active';
        firm.qualifiedStandards.add(standard);
      },
      { priority: PRIORITY.activation },
    );
  }

  /**
   * Books `rounds` of a pledge contract to its donors (`sign` −1 takes them back, on denial): each payer's
   * part in whole rounds, the last payer the remainder, as deliveries are split. A joint contract of several
   * donors (e.g. through a pooling agency) counts towards each donor's part.
   */
  private bookPledgeOrder(
    pledgeId: string,
    payers: readonly PayerShare[],
    rounds: number,
    sign: 1 | -1 = 1,
  ): void {
    const donors = this.pledges.find((p) => p.id === pledgeId)?.donors;
    if (donors === undefined) return;
    // Parts of the positive count, then signed: Math.round rounds halves up, so splitting −rounds would
    // take back a round more from one donor, and a round less from another, than booking gave them.
    let left = rounds;
    payers.forEach((p, i) => {
      const part = wholePart(rounds, p.share, left, i === payers.length - 1);
      left -= part;
      const donor = donors.find((d) => d.nation === p.payer);
      if (donor !== undefined) donor.orderedRounds += sign * part;
    });
  }

  private backlogOf(firm: Firm): number {
    return this.backlog.get(firm)!;
  }

  private addBacklog(firm: Firm, rounds: number): void {
    this.backlog.set(firm, this.backlog.get(firm)! + rounds);
  }

  // ---- results ------------------------------------------------------------------------------------

  /** Records the state now; returns the snapshot's index in the monthly series. */
  private snapshot(): number {
    return this.series.record(this.sim.now);
  }

  /** Builds the run's results (call after {@link World.run}). */
  results(): RunResult {
    return buildResults(
      {
        scenario: this.scenario.name,
        strategy: this.strategy.name,
        seed: this.streams.seed,
        replication: this.streams.replication,
        horizonDays: this.horizonDays,
        nations: this.nations,
        firms: this.firms,
        recipientStock: this.recipientStock,
        pledges: this.pledges,
        contracts: this.contracts,
        parameters: this.params.drawn,
        events: this.sim.processedCount,
        date: (day) => this.date(day),
      },
      this.series,
    );
  }
}

/** The terms of an order placed without any (a constant, not an object made at every call). */
const NO_TERMS: OrderTerms = Object.freeze({});

/** Mean consumption of `stock` on `day`, rounds per day, summed over the nation's consumptions of it. */
function meanDemand(n: NationState, stock: Stockpile, day: number): number {
  let rate = 0;
  for (const c of n.consumption) if (c.stockpile === stock) rate += c.rate(day);
  return rate;
}

/**
 * A copy of a strategy's payer share for a contract: the contract keeps its own (a strategy may reuse its
 * lists), with `share` a double from the start (see kernel/doubles.ts).
 */
function payerShare(p: PayerShare): PayerShare {
  const copy = { payer: p.payer, share: AS_DOUBLE };
  copy.share = p.share;
  return copy;
}

/**
 * A payer's part of `rounds` in whole rounds: its share rounded, or for the last payer what is `left`, so
 * the parts add up to `rounds`.
 */
function wholePart(rounds: number, share: number, left: number, last: boolean): number {
  return last ? left : Math.round(rounds * share);
}

/**
 * The whole rounds of an order of `rounds` cut to `fraction` (< 1) of it. The shave guards a fraction
 * rounded up past what a budget allows.
 */
function wholeRounds(rounds: number, fraction: number): number {
  return Math.floor(rounds * fraction * (1 - 1e-12));
}

/** Budget years and amounts, written in place (scratch lists reused from one order to the next). */
interface YearAmountsScratch {
  readonly years: number[];
  readonly amounts: number[];
}

/**
 * What a payer obligates, by budget year, for `amountEur` delivered over `durationMonths` from
 * `activeFromDay`: `upfrontShare` of it in the first month, the rest in monthly tranches, each in the
 * budget year its mid-month falls in (years ascending). Written into `out`.
 */
function monthlyObligations(
  budget: Budget,
  activeFromDay: number,
  durationMonths: number,
  amountEur: number,
  upfrontShare: number,
  out: YearAmountsScratch,
): void {
  // Written by index and cut to length at the end: setting `length = 0` first would free the lists'
  // storage and make every call allocate it again.
  const { years, amounts } = out;
  let n = 0;
  const months = Math.max(1, Math.round(durationMonths));
  const step = (durationMonths * DAYS_PER_MONTH) / months;
  // With no upfront share, the same operations as an even schedule (x × 1 and x + 0 are exact).
  const perMonth = (amountEur * (1 - upfrontShare)) / months;
  let upfront = amountEur * upfrontShare; // obligated in the first month's year, then spent
  let year = budget.yearOf(activeFromDay + 0.5 * step);
  let nextYearStart = budget.yearStartDay(year + 1);
  let count = 0;
  for (let m = 0; m < months; m++) {
    const t = activeFromDay + (m + 0.5) * step;
    if (t >= nextYearStart) {
      years[n] = year;
      amounts[n++] = perMonth * count + upfront;
      upfront = 0;
      year = budget.yearOf(t);
      nextYearStart = budget.yearStartDay(year + 1);
      count = 0;
    }
    count++;
  }
  years[n] = year;
  amounts[n++] = perMonth * count + upfront;
  years.length = n;
  amounts.length = n;
}

/** A copy of `byYear` with every amount multiplied by `factor` (left as is when it is 1). */
function scaledCopy(byYear: YearAmounts, factor: number): YearAmounts {
  // Scaled in place in a copy, so the amounts keep the source's hidden class (see kernel/arrays.ts).
  const amounts = byYear.amounts.slice();
  if (factor !== 1) for (let i = 0; i < amounts.length; i++) amounts[i]! *= factor;
  return { years: byYear.years.slice(), amounts };
}

/** Removes contracts among the first `end` with nothing left to produce, keeping the order of the rest. */
function removeProduced(book: Contract[], end: number): void {
  let kept = 0;
  for (let i = 0; i < end; i++) {
    const c = book[i]!;
    if (c.producedRounds < c.quantityRounds) book[kept++] = c;
  }
  if (kept === end) return;
  for (let i = end; i < book.length; i++) book[kept++] = book[i]!;
  book.length = kept;
}

/**
 * Inserts `c` into a firm's order book after every contract served before it: in order of activation
 * (after those activating the same day), pledge contracts before all others when `pledgesFirst`.
 */
function insertInBook(book: Contract[], c: Contract, pledgesFirst: boolean): void {
  const rank = bookRank(c, pledgesFirst);
  let i = book.length;
  for (; i > 0; i--) {
    const before = book[i - 1]!;
    const beforeRank = bookRank(before, pledgesFirst);
    if (beforeRank < rank || (beforeRank === rank && before.activeFromDay <= c.activeFromDay)) break;
  }
  book.splice(i, 0, c);
}

/** A contract's group in a firm's order book: 0 is served first (pledges, under `pledgesFirst`), then 1. */
function bookRank(c: Contract, pledgesFirst: boolean): number {
  return pledgesFirst && c.purpose.kind !== 'pledge' ? 1 : 0;
}
