/**
 * The back-test of the EU pledge of one million 155 mm rounds for Ukraine (PL-01): the world as it
 * stood on 2023-03-20, when the Council agreed the three tracks, run to 2025-06-30.
 *
 * The industrial base (bill of materials, firms with their dated lines and ramp-ups, upstream
 * suppliers with their capacity profiles, budgets, stock targets, procurement delays) is the one of
 * {@link europe155mm}, re-dated: lines and profile steps that start on or after the end of this horizon
 * are dropped, earlier ones stay, so each firm enters the run part-way up its ramp. What differs from
 * the ten-year scenario, each with its fact IDs or marked `gap`, is listed in
 * `docs/model/eu-1m-backtest.md`:
 *
 * - one pledge only, the EU million (track 1 from stocks as a drawn share, tracks 2 and 3 as orders);
 * - the donors' stocks on 2023-03-20 (a gap, sized to hold the largest track-1 volume), the US stock
 *   after its 2022–23 drawdowns (US-11) and Ukraine's stock (a gap);
 * - Ukraine's war intensity starts at the pledge date.
 *
 * The parameters were fixed and committed before the first run; they are not fitted to the outcome
 * (the public delivery record, PL-05..PL-07).
 *
 * @module
 */
import type { DistributionSpec } from '../../random/spec.js';
import { deepFreeze, gap, sourced } from '../builders.js';
import type {
  FirmSpec,
  NationSpec,
  Param,
  PledgeSpec,
  Profile,
  Scenario,
  SupplierSpec,
} from '../scenario.js';
import { europe155mm } from './europe-155mm.js';

/** PL-01: the Council agreed the three tracks on 20 Mar 2023. */
const START = '2023-03-20';
/** Mid-2025: seven months past the crossing in the public record (PL-07), to leave room for a late model. */
const END = '2025-06-30';
/** PL-01: one million rounds "in 12 months", i.e. by the end of March 2024. */
const DEADLINE = '2024-03-31';
const PLEDGE_ID = 'eu-1m-rounds';
/** The most rounds track 1 can have sent from stock (see {@link TRACK_1_SHARE}). */
const TRACK_1_MAX_ROUNDS = 500_000;

function tri(min: number, mode: number, max: number): DistributionSpec {
  return { type: 'triangular', min, mode, max };
}

/** The number inside a plain or sourced parameter (throws on a distribution: a programming error here). */
function numberOf(p: Param, what: string): number {
  const v = typeof p === 'number' ? p : 'value' in p && !('type' in p) ? p.value : p;
  if (typeof v !== 'number') throw new Error(`eu-1m-backtest: ${what} must be a number in europe-155mm`);
  return v;
}

/** A profile without the steps that would start on or after the end of the horizon (they never apply). */
function clip(profile: Profile): Profile {
  if (typeof profile === 'object' && 'steps' in profile)
    return { steps: profile.steps.filter((s) => s.from < END) };
  return profile;
}

/** A firm without the lines commissioned after the horizon (Unterlüß, Glascoed, PGZ's new plants). */
function firmInHorizon(f: FirmSpec): FirmSpec {
  return {
    ...f,
    lines: f.lines.filter((l) => l.commissionedDate === undefined || l.commissionedDate < END),
  };
}

function supplierInHorizon(s: SupplierSpec): SupplierSpec {
  return { ...s, capacityPerMonth: clip(s.capacityPerMonth) };
}

const tenYearPledge = europe155mm.pledges.find((p) => p.id === PLEDGE_ID);
if (tenYearPledge === undefined) throw new Error(`eu-1m-backtest: europe-155mm has no pledge ${PLEDGE_ID}`);
/** The eight modelled EU donors, shares by 2023 GDP (a gap, as in europe-155mm). */
const DONORS: PledgeSpec['donors'] = tenYearPledge.donors;

/**
 * Track 1 (PL-01): €1bn of EPF money reimbursed deliveries from stocks. At €2,000 (pre-war, PR-01) to
 * €4,000 (Nexter 2023, PR-03) a round that buys 250k–500k rounds; mode at ≈ €3,300 (Rheinmetall's
 * ≥ €3,600 in 2023, PR-02, and the €3,200 Czech-tranche price, PR-05) ≈ 300k. Drawn per replication.
 */
const TRACK_1_SHARE = sourced(
  tri(0.25, 0.3, TRACK_1_MAX_ROUNDS / 1_000_000),
  ['PL-01', 'PR-01', 'PR-02', 'PR-03', 'PR-05'],
  'L',
  'Track 1: €1bn EPF reimbursement for deliveries from stocks (PL-01) ÷ €2,000–4,000 a round (PR-01..03, PR-05) = 250k–500k of the 1M, mode ≈ 300k (€3,300).',
);

/**
 * A donor's 155 mm stock on 2023-03-20: its safety level plus its share of the largest track-1 volume.
 * Stocks are not public; track 1 paid for deliveries from stocks (PL-01), so the stock it drew on
 * existed. Sizing to the largest draw keeps the track-1 range the only uncertain input of stock
 * deliveries.
 */
function donorStock(safetyRounds: number, share: number): Param {
  return gap(
    safetyRounds + Math.round(share * TRACK_1_MAX_ROUNDS),
    'Stock on 2023-03-20 is not public: safety level plus this donor’s share of the largest track-1 volume (PL-01), so track 1 can be sent from stock.',
    ['PL-01'],
  );
}

/** US stock after the 2022–23 drawdowns (US-11: about 2M held in 2023, low confidence). */
const US_STOCK_2023 = sourced(
  tri(1_500_000, 2_000_000, 2_500_000),
  ['US-11'],
  'L',
  '~2M rounds in US inventory in 2023 after >2M sent to Ukraine (US-11); ±25 % for the low confidence.',
);

/** A nation as on 2023-03-20: donor and US stocks re-set, budget steps past the horizon dropped. */
function nationOn2023(n: NationSpec): NationSpec {
  const share = DONORS.find((d) => d.nation === n.id)?.share;
  return {
    ...n,
    budgetEurPerYear: clip(n.budgetEurPerYear),
    stockpiles: n.stockpiles.map((s) => {
      const path = `nations[${n.id}].stockpiles[${s.item}]`;
      if (share !== undefined)
        return { ...s, initialRounds: donorStock(numberOf(s.safetyRounds, `${path}.safetyRounds`), share) };
      if (n.id === 'US') return { ...s, initialRounds: US_STOCK_2023 };
      return s;
    }),
  };
}

const pledge: PledgeSpec = {
  id: PLEDGE_ID,
  recipient: 'UA',
  item: tenYearPledge.item,
  quantityRounds: sourced(1_000_000, ['PL-01'], 'H', 'One million rounds in 12 months (PL-01).'),
  startDate: START,
  deadlineDate: DEADLINE,
  donors: DONORS,
  fromStockShare: TRACK_1_SHARE,
};

const ukraine = europe155mm.recipients.find((r) => r.id === 'UA');
if (ukraine === undefined) throw new Error('eu-1m-backtest: europe-155mm has no recipient UA');
const warIntensity = europe155mm.shocks.find((s) => s.id === 'war-onset-ua');
if (warIntensity === undefined) throw new Error('eu-1m-backtest: europe-155mm has no shock war-onset-ua');

/**
 * **eu-1m-backtest** — the EU million-round pledge from 2023-03-20 to 2025-06-30, for a back-test
 * against the public delivery record (about half by the end of March 2024, PL-06; the million in
 * November 2024, PL-07).
 *
 * - **Industrial base**: that of {@link europe155mm} (12 nations, 10 round producers, 12 suppliers),
 *   with lines and capacity steps that start on or after 2025-06-30 dropped (Unterlüß, Glascoed, PGZ's
 *   new plants, 2026 capacity steps).
 * - **Pledge**: 1,000,000 rounds to Ukraine by 2024-03-31 (PL-01), split among eight EU donors by GDP
 *   (a gap). Track 1, deliveries from stocks, is a share drawn per replication from
 *   triangular(0.25, 0.30, 0.50) (PL-01's €1bn ÷ PR-01..05 prices); the rest is ordered from firms
 *   (track 2, and track 3 through the capacity it meets).
 * - **Stocks on 2023-03-20**: donors hold their safety level plus their share of the largest track-1
 *   volume (a gap); the US about 2M (US-11).
 * - **Not included**: the US drawdowns, the Czech initiative (bought outside the EU, CZ-01) and the
 *   Kallas plan (2025), which are not part of the EU million.
 *
 * The strategy that represents what happened (national purchases, then EDA joint procurement from
 * 2 Oct 2023, PL-03) is chosen in `examples/08-backtest.ts` and justified in the docs.
 */
export const eu1mBacktest: Scenario = deepFreeze({
  ...europe155mm,
  name: 'eu-1m-backtest',
  description:
    'Back-test of the EU pledge of one million 155 mm rounds for Ukraine (PL-01): the europe-155mm industrial ' +
    'base as it stood on 2023-03-20, run to 2025-06-30, with the EU million as the only pledge (track 1 from ' +
    'stocks drawn per replication). Parameters fixed before the first run. See docs/model/eu-1m-backtest.md.',
  startDate: START,
  endDate: END,
  nations: europe155mm.nations.map(nationOn2023),
  firms: europe155mm.firms.map(firmInHorizon),
  suppliers: europe155mm.suppliers.map(supplierInHorizon),
  recipients: [
    {
      ...ukraine,
      initialRounds: ukraine.initialRounds.map((r) => ({
        ...r,
        rounds: gap(
          tri(50_000, 100_000, 300_000),
          'Ukraine’s stock in March 2023 is not public; it asked for 250k a month while firing ~110k (CO-03).',
          ['CO-03'],
        ),
      })),
    },
  ],
  pledges: [pledge],
  shocks: [{ ...warIntensity, startDate: START }],
});
