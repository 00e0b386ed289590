/**
 * Building a run's entities from a validated scenario: every parameter resolved through the run's
 * parameter resolver, every random stream keyed per entity.
 *
 * @internal
 * @module
 */
import { mapToArray } from '../kernel/arrays.js';
import { AS_DOUBLE } from '../kernel/doubles.js';
import { bernoulli } from '../random/discrete.js';
import type { Streams } from '../random/streams.js';
import { Budget } from './budget.js';
import { dayOf, yearStarts } from './dates.js';
import { Consumption, type DonorPart, Pledge, type Shock } from './demand.js';
import { Firm } from './firm.js';
import type { NationState } from './nation-state.js';
import type { ParamResolver, ProfileFn } from './params.js';
import type { NationSpec, Scenario } from './scenario.js';
import { Stockpile } from './stockpile.js';
import { Supplier } from './supplier.js';

/** A firm's input: the supplier it draws from and the units per round. @internal */
export interface FirmInput {
  readonly supplier: Supplier;
  readonly perRound: number;
}

/** Builds the entities of one run. Call order fixes the order of the run's parameter record. @internal */
export class WorldBuilder {
  constructor(
    private readonly scenario: Scenario,
    private readonly params: ParamResolver,
    private readonly streams: Streams,
  ) {}

  /** Suppliers in production order: inputs before their users. */
  suppliers(): Supplier[] {
    const ordered: Supplier[] = [];
    const byId = new Map<string, Supplier>();
    for (const s of this.scenario.suppliers) {
      const path = `suppliers[${s.id}]`;
      const supplier = new Supplier(
        s.id,
        s.component,
        this.params.profile(s.capacityPerMonth, `${path}.capacityPerMonth`),
        this.params.num(s.initialStock, `${path}.initialStock`),
      );
      byId.set(s.id, supplier);
    }
    const components = new Map(this.scenario.components.map((c) => [c.id, c]));
    for (const s of this.scenario.suppliers) {
      const supplier = byId.get(s.id)!;
      const bom = components.get(s.component)?.billOfMaterials ?? [];
      for (const [i, entry] of bom.entries()) {
        const source = s.inputs?.find((x) => x.component === entry.component);
        if (source === undefined) continue; // validation reports missing inputs
        supplier.inputs.push({
          supplier: byId.get(source.supplier)!,
          perUnit: this.params.num(entry.perUnit, `components[${s.component}].billOfMaterials[${i}].perUnit`),
        });
      }
    }
    // Inputs before their users, so a step's production can use what upstream made in the same step.
    const done = new Set<Supplier>();
    const visit = (s: Supplier): void => {
      if (done.has(s)) return;
      done.add(s);
      for (const input of s.inputs) visit(input.supplier);
      ordered.push(s);
    };
    for (const s of byId.values()) visit(s);
    return ordered;
  }

  /** Firms by id, and each firm's inputs: supplier and units per round. */
  firms(supplierList: readonly Supplier[]): { firms: Map<string, Firm>; inputs: Map<string, FirmInput[]> } {
    const firms = new Map<string, Firm>();
    const inputs = new Map<string, FirmInput[]>();
    const items = new Map(this.scenario.items.map((i) => [i.id, i]));
    const suppliers = new Map(supplierList.map((s) => [s.id, s]));
    for (const f of this.scenario.firms) {
      const path = `firms[${f.id}]`;
      const num = (v: Parameters<ParamResolver['num']>[0], name: string) =>
        this.params.num(v, `${path}.${name}`);
      const inv = f.investment;
      const firm = new Firm(
        {
          id: f.id,
          nation: f.nation,
          ownership: f.ownership,
          item: f.item,
          efficiency: num(f.efficiency, 'efficiency'),
          rampProfile: f.rampProfile,
          unitCostEur: num(f.unitCostEur, 'unitCostEur'),
          cumulativeRoundsAtStart: num(f.cumulativeRoundsAtStart, 'cumulativeRoundsAtStart'),
          learningRate: num(f.learningRate, 'learningRate'),
          markupAtZeroUtilisation: num(f.markupAtZeroUtilisation, 'markupAtZeroUtilisation'),
          markupAtFullUtilisation: num(f.markupAtFullUtilisation, 'markupAtFullUtilisation'),
          investment: {
            horizonMonths: num(inv.horizonMonths, 'investment.horizonMonths'),
            hurdleRate: num(inv.hurdleRate, 'investment.hurdleRate'),
            capexEurPerAnnualRound: num(inv.capexEurPerAnnualRound, 'investment.capexEurPerAnnualRound'),
            buildLeadTimeDays: num(inv.buildLeadTimeDays, 'investment.buildLeadTimeDays'),
            moduleRoundsPerMonth: num(inv.moduleRoundsPerMonth, 'investment.moduleRoundsPerMonth'),
            publicCoFundingShare: num(inv.publicCoFundingShare, 'investment.publicCoFundingShare'),
          },
        },
        mapToArray(f.lines, (l, i) => ({
          id: l.id,
          nameplateRoundsPerMonth: num(l.nameplateRoundsPerMonth, `lines[${i}].nameplateRoundsPerMonth`),
          // A line running at the start has passed its ramp-up.
          commissionedDay:
            l.commissionedDate === undefined
              ? -10 * 365.25
              : dayOf(this.scenario.startDate, l.commissionedDate),
        })),
        f.qualifiedStandards,
      );
      firms.set(f.id, firm);
      const bom = items.get(f.item)?.billOfMaterials ?? [];
      inputs.set(
        f.id,
        bom.flatMap((entry, i) => {
          const source = f.inputs.find((x) => x.component === entry.component);
          const supplier = source === undefined ? undefined : suppliers.get(source.supplier);
          if (supplier === undefined) return [];
          return [
            {
              supplier,
              perRound: this.params.num(entry.perRound, `items[${f.item}].billOfMaterials[${i}].perRound`),
            },
          ];
        }),
      );
    }
    return { firms, inputs };
  }

  /** Nations by id. */
  nations(): Map<string, NationState> {
    const nations = new Map<string, NationState>();
    const shocks = this.shocks();
    for (const n of this.scenario.nations) {
      const path = `nations[${n.id}]`;
      const stockpiles = new Map<string, Stockpile>();
      const targets = new Map<string, ProfileFn>();
      for (const s of n.stockpiles) {
        const sp = `${path}.stockpiles[${s.item}]`;
        stockpiles.set(
          s.item,
          new Stockpile(
            n.id,
            s.item,
            Math.round(this.params.num(s.initialRounds, `${sp}.initialRounds`)),
            this.params.num(s.storageCapacityRounds, `${sp}.storageCapacityRounds`),
            this.params.num(s.safetyRounds, `${sp}.safetyRounds`),
            true,
          ),
        );
        targets.set(s.item, this.params.profile(s.targetRounds, `${sp}.targetRounds`));
      }
      const starts = yearStarts(this.scenario.startDate, this.scenario.endDate, n.fiscalYearStartMonth ?? 1);
      const firstYearShare = Math.min(1, (starts[0] ?? 365.25) / 365.25);
      const budget = new Budget(
        n.id,
        this.params.profile(n.budgetEurPerYear, `${path}.budgetEurPerYear`),
        starts,
        firstYearShare,
        n.unspentBudget,
      );
      const denial = bernoulli(this.streams.stream(`licence:${n.id}`), {
        p: this.params.num(n.exportLicence.denialProbability, `${path}.exportLicence.denialProbability`),
      });
      nations.set(n.id, {
        spec: n,
        stockpiles,
        stockpileList: [...stockpiles.values()],
        targets,
        consumption: mapToArray(n.consumption, (c, i) =>
          this.consumption(n.id, stockpiles.get(c.item)!, c, `${path}.consumption[${i}]`, shocks),
        ),
        budget,
        licenceDelayDays: this.params.num(n.exportLicence.delayDays, `${path}.exportLicence.delayDays`),
        licenceDenial: denial,
        overhead: { eur: 0 },
        domesticFirms: mapToArray(
          this.scenario.firms.filter((f) => f.nation === n.id),
          (f) => f.id,
        ),
      });
    }
    return nations;
  }

  /** Recipients' stockpiles by `recipient/item`, and their consumption. */
  recipients(): { stock: Map<string, Stockpile>; consumption: Consumption[] } {
    const stockByKey = new Map<string, Stockpile>();
    const consumption: Consumption[] = [];
    const shocks = this.shocks();
    for (const r of this.scenario.recipients) {
      const path = `recipients[${r.id}]`;
      for (const [i, init] of r.initialRounds.entries()) {
        const rounds = Math.round(this.params.num(init.rounds, `${path}.initialRounds[${i}]`));
        stockByKey.set(
          `${r.id}/${init.item}`,
          new Stockpile(r.id, init.item, rounds, Number.POSITIVE_INFINITY, 0, false),
        );
      }
      for (const [i, c] of r.consumption.entries()) {
        const key = `${r.id}/${c.item}`;
        let stock = stockByKey.get(key);
        if (stock === undefined) {
          stock = new Stockpile(r.id, c.item, 0, Number.POSITIVE_INFINITY, 0, false);
          stockByKey.set(key, stock);
        }
        consumption.push(this.consumption(r.id, stock, c, `${path}.consumption[${i}]`, shocks));
      }
    }
    // Pledged rounds need a stock to arrive in, even of an item the recipient neither holds nor fires.
    for (const p of this.scenario.pledges) {
      const key = `${p.recipient}/${p.item}`;
      if (!stockByKey.has(key))
        stockByKey.set(key, new Stockpile(p.recipient, p.item, 0, Number.POSITIVE_INFINITY, 0, false));
    }
    return { stock: stockByKey, consumption };
  }

  private consumption(
    actor: string,
    stockpile: Stockpile,
    spec: NationSpec['consumption'][number],
    path: string,
    shocks: readonly Shock[],
  ): Consumption {
    const variability =
      spec.variability === 'poisson' ? 'poisson' : this.params.num(spec.variability, `${path}.variability`);
    return new Consumption(
      stockpile,
      this.params.profile(spec.roundsPerDay, `${path}.roundsPerDay`),
      shocks.filter((s) => s.actors.has(actor) && s.item === spec.item),
      this.streams.stream(`demand:${actor}:${spec.item}`),
      variability,
    );
  }

  private shockCache: Shock[] | undefined = undefined;
  /** Demand shocks, resolved once. */
  shocks(): Shock[] {
    this.shockCache ??= this.scenario.shocks.map((s) => ({
      actors: new Set(s.actors),
      item: s.item,
      startDay: dayOf(this.scenario.startDate, s.startDate),
      endDay: s.endDate === undefined ? Number.POSITIVE_INFINITY : dayOf(this.scenario.startDate, s.endDate),
      multiplier: this.params.num(s.multiplier, `shocks[${s.id}].multiplier`),
    }));
    return this.shockCache;
  }

  /** Pledges with each donor's parts. */
  pledges(): Pledge[] {
    const pledges: Pledge[] = [];
    for (const p of this.scenario.pledges) {
      const path = `pledges[${p.id}]`;
      const quantity = Math.round(this.params.num(p.quantityRounds, `${path}.quantityRounds`));
      const fromStock = this.params.num(p.fromStockShare, `${path}.fromStockShare`);
      const donors: DonorPart[] = mapToArray(p.donors, (d) => {
        const part = Math.round(quantity * d.share);
        const stockPart = Math.round(part * fromStock);
        // Doubles from the start (see kernel/doubles.ts): transfers and orders take fractions off them.
        const donor = {
          nation: d.nation,
          fromStockRemaining: AS_DOUBLE,
          procureRounds: AS_DOUBLE,
          orderedRounds: AS_DOUBLE,
        };
        donor.fromStockRemaining = stockPart;
        donor.procureRounds = part - stockPart;
        donor.orderedRounds = 0;
        return donor;
      });
      pledges.push(
        new Pledge(
          p.id,
          p.recipient,
          p.item,
          quantity,
          dayOf(this.scenario.startDate, p.startDate),
          dayOf(this.scenario.startDate, p.deadlineDate),
          donors,
        ),
      );
    }
    return pledges;
  }
}
