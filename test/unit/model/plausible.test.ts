import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { runScenario } from '../../../src/model/run-scenario.js';
import { validateScenario } from '../../../src/model/validate.js';
import { nationalOnly } from '../../../src/strategies/national.js';
import { createPooled } from '../../../src/strategies/pooled.js';
import { minimalScenario } from './fixtures.js';
import { expectRule, type RuleCase } from './validate-helpers.js';

const IMPLAUSIBLE = 'larger than any plausible value; check the unit';

describe('sanity caps: values past any plausible one are refused before a run, not deep inside it', () => {
  it.each<RuleCase>([
    {
      title: 'a budget of 1e308 EUR a year (overflowed an exact sum mid-run)',
      mutate: (s) => {
        s.nations[0]!.budgetEurPerYear = 1e308;
      },
      path: 'nations[0].budgetEurPerYear',
      names: [`must be at most 1e15 (got 1e+308): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'consumption of 1e308 rounds a day (a NaN stock after the whole run)',
      mutate: (s) => {
        s.nations[0]!.consumption[0]!.roundsPerDay = 1e308;
      },
      path: 'nations[0].consumption[0].roundsPerDay',
      names: [IMPLAUSIBLE],
      count: 1,
    },
    {
      title: 'a dated step of 1e20 rounds',
      mutate: (s) => {
        s.nations[0]!.consumption[0]!.roundsPerDay = { steps: [{ from: '2024-01-01', value: 1e20 }] };
      },
      path: 'nations[0].consumption[0].roundsPerDay.steps[0].value',
      names: [IMPLAUSIBLE],
    },
    {
      title: 'an expression reaching 1e300 EUR',
      mutate: (s) => {
        s.nations[0]!.budgetEurPerYear = { expression: '1e9 * 10 ^ min(t, 291)' };
      },
      path: 'nations[0].budgetEurPerYear.expression',
      names: ['gives 10000000000000000 on day 7', IMPLAUSIBLE],
    },
    {
      title: 'a uniform price up to 1e16 EUR',
      mutate: (s) => {
        s.firms[0]!.unitCostEur = { type: 'uniform', min: 1, max: 1e16 };
      },
      path: 'firms[0].unitCostEur',
      names: ['uniform distribution has values up to 10000000000000000', IMPLAUSIBLE],
    },
    {
      title: 'a lognormal stock whose mean is 1e20 rounds',
      mutate: (s) => {
        s.nations[0]!.stockpiles[0]!.storageCapacityRounds = { type: 'lognormal', mu: 46, sigma: 0.1 };
      },
      path: 'nations[0].stockpiles[0].storageCapacityRounds',
      names: ['lognormal distribution has a typical value of', IMPLAUSIBLE],
    },
    {
      title: 'an award delay of 1e9 days',
      mutate: (s) => {
        s.procurement.awardDelayDays = 1e9;
      },
      path: 'procurement.awardDelayDays',
      names: ['must be at most 36525 (got 1000000000)', IMPLAUSIBLE],
    },
    {
      title: 'a contract length of half a month (deliveries come in monthly tranches)',
      mutate: (s) => {
        s.procurement.contractLengthMonths = 0.5;
      },
      path: 'procurement.contractLengthMonths',
      names: ['must be >= 1 (got 0.5)'],
    },
  ])('refuses $title', (c) => {
    expectRule(c);
  });

  it('refuses an investment horizon below a month, saying why (it saw no monthly tranche of the backlog)', () => {
    const issue = expectRule({
      title: 'an investment horizon of half a month',
      mutate: (s) => {
        s.firms[0]!.investment!.horizonMonths = 0.5;
      },
      path: 'firms[0].investment.horizonMonths',
      names: ['must be >= 1 (got 0.5)'],
    });
    expect(issue.fix).toContain('at least one, since the backlog comes due in monthly tranches');
  });

  it('accepts values up to the caps', () => {
    const s = minimalScenario();
    s.nations[0]!.budgetEurPerYear = 1e15;
    s.procurement.contractLengthMonths = 1200;
    expect(validateScenario(s).nations[0]!.budgetEurPerYear).toBe(1e15);
  });

  it('createPooled refuses a framework of 1e308 months (it failed placing an order of Infinity rounds)', () => {
    let error: unknown;
    try {
      createPooled({ frameworkLengthMonths: 1e308, extraAwardDelayDays: 1e9 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      `frameworkLengthMonths: must be at most 1200 (got 1e+308): ${IMPLAUSIBLE}`,
      `extraAwardDelayDays: must be at most 36525 (got 1000000000): ${IMPLAUSIBLE}`,
    ]);
  });
});

/** The issue a mutant of the minimal scenario gives at `path`, checked to contain `names`. */
function refused(mutate: RuleCase['mutate'], path: string, names: readonly string[]) {
  return expectRule({ title: path, mutate, path, names });
}

describe('caps found by a fuzzer: fields that validated and then failed the run (or ran into nonsense)', () => {
  // Each case: a field the fuzzer broke, its path, and what the message must say.
  it.each<RuleCase>([
    {
      title: 'a mean of 1e308 days between outages (a delay of Infinity mid-run)',
      mutate: (s) => {
        s.firms[0]!.outages = { meanDaysBetween: 1e308, meanDaysToRepair: 7 };
      },
      path: 'firms[0].outages.meanDaysBetween',
      names: [`must be at most 36525 (got 1e+308): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'a mean of under a day between outages (1e-9 scheduled outages without end: the run hung)',
      mutate: (s) => {
        s.firms[0]!.outages = { meanDaysBetween: 0.5, meanDaysToRepair: 7 };
      },
      path: 'firms[0].outages.meanDaysBetween',
      names: ['must be >= 1 (got 0.5)'],
      count: 1,
    },
    {
      title: "a supplier's repair time of 1e308 days",
      mutate: (s) => {
        s.suppliers[0]!.outages = { meanDaysBetween: 365, meanDaysToRepair: 1e308 };
      },
      path: 'suppliers[0].outages.meanDaysToRepair',
      names: [`must be at most 36525 (got 1e+308): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'an exponential repair time with a mean of 1e5 days',
      mutate: (s) => {
        s.firms[0]!.outages = { meanDaysBetween: 365, meanDaysToRepair: { type: 'exponential', mean: 1e5 } };
      },
      path: 'firms[0].outages.meanDaysToRepair',
      names: ['exponential distribution has a typical value of 100000', IMPLAUSIBLE, 'at most 36525'],
      count: 1,
    },
    {
      title: '1e308 units of a component per round (the run delivered 0 rounds)',
      mutate: (s) => {
        s.items[0]!.billOfMaterials[0]!.perRound = 1e308;
      },
      path: 'items[0].billOfMaterials[0].perRound',
      names: [`must be at most 1e6 (got 1e+308): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'a bill of materials drawing up to 2e6 units a round',
      mutate: (s) => {
        s.items[0]!.billOfMaterials[0]!.perRound = { type: 'uniform', min: 1, max: 2e6 };
      },
      path: 'items[0].billOfMaterials[0].perRound',
      names: ['uniform distribution has values up to 2000000', IMPLAUSIBLE, 'at most 1e6'],
      count: 1,
    },
    {
      title: '1e21 input units per unit of a component',
      mutate: (s) => {
        s.components[1]!.billOfMaterials = [{ component: 'tnt', perUnit: 1e21 }];
        s.suppliers[1]!.inputs = [{ component: 'tnt', supplier: 'nitrochem' }];
      },
      path: 'components[1].billOfMaterials[0].perUnit',
      names: [`must be at most 1e6 (got 1e+21): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'a hurdle rate of 1e308 (NaN in an exact sum mid-run)',
      mutate: (s) => {
        s.firms[0]!.investment!.hurdleRate = 1e308;
      },
      path: 'firms[0].investment.hurdleRate',
      names: [`must be at most 10 (got 1e+308): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'an idle markup of 1e308 (and the full one with it, so they stay in order)',
      mutate: (s) => {
        s.firms[0]!.markupAtZeroUtilisation = 1e308;
        s.firms[0]!.markupAtFullUtilisation = 1e308;
      },
      path: 'firms[0].markupAtZeroUtilisation',
      names: [`must be at most 10 (got 1e+308): ${IMPLAUSIBLE}`],
      count: 2,
    },
    {
      title: 'a full-utilisation markup drawn up to 20 (2000 %)',
      mutate: (s) => {
        s.firms[1]!.markupAtFullUtilisation = { type: 'pert', min: 0.5, mode: 1, max: 20 };
      },
      path: 'firms[1].markupAtFullUtilisation',
      names: ['pert distribution has values up to 20', IMPLAUSIBLE, 'at most 10'],
      count: 1,
    },
    {
      title: 'a shock multiplying consumption by 1e12 (the run failed placing an order)',
      mutate: (s) => {
        s.shocks[0]!.multiplier = 1e12;
      },
      path: 'shocks[0].multiplier',
      names: [`must be at most 1000 (got 1000000000000): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'a shock multiplier drawn up to 5000',
      mutate: (s) => {
        s.shocks[0]!.multiplier = { type: 'triangular', min: 2, mode: 10, max: 5000 };
      },
      path: 'shocks[0].multiplier',
      names: ['triangular distribution has values up to 5000', IMPLAUSIBLE, 'at most 1000'],
      count: 1,
    },
    {
      title: '1e15 rounds a day, the cap of a whole order (the run failed placing one)',
      mutate: (s) => {
        s.nations[0]!.consumption[0]!.roundsPerDay = 1e15;
      },
      path: 'nations[0].consumption[0].roundsPerDay',
      names: [`must be at most 1e7 (got 1000000000000000): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: "a recipient's dated step of 2e7 rounds a day",
      mutate: (s) => {
        s.recipients[0]!.consumption[0]!.roundsPerDay = { steps: [{ from: '2025-01-01', value: 2e7 }] };
      },
      path: 'recipients[0].consumption[0].roundsPerDay.steps[0].value',
      names: [`must be at most 1e7 (got 20000000): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: "a recipient's expression reaching 1e8 rounds a day",
      mutate: (s) => {
        s.recipients[0]!.consumption[0]!.roundsPerDay = { expression: '1000 * 10 ^ min(t, 9)' };
      },
      path: 'recipients[0].consumption[0].roundsPerDay.expression',
      names: ['gives 100000000 on day 5', IMPLAUSIBLE, 'at most 1e7'],
      count: 1,
    },
    {
      title: 'a coefficient of variation of 1e3',
      mutate: (s) => {
        s.nations[0]!.consumption[0]!.variability = 1e3;
      },
      path: 'nations[0].consumption[0].variability',
      names: [`must be at most 100 (got 1000): ${IMPLAUSIBLE}`],
      count: 1,
    },
    {
      title: 'a coefficient of variation drawn with a mean of 500',
      mutate: (s) => {
        s.nations[1]!.consumption[0]!.variability = { type: 'exponential', mean: 500 };
      },
      path: 'nations[1].consumption[0].variability',
      names: ['exponential distribution has a typical value of 500', IMPLAUSIBLE, 'at most 100'],
      count: 1,
    },
    {
      title: 'a pledge of 1e-300 rounds (fulfilment NaN)',
      mutate: (s) => {
        s.pledges[0]!.quantityRounds = 1e-300;
      },
      path: 'pledges[0].quantityRounds',
      names: ['must be >= 1 (got 1e-300)'],
      count: 1,
    },
    {
      title: 'a pledge drawn from half a round up',
      mutate: (s) => {
        s.pledges[0]!.quantityRounds = { type: 'uniform', min: 0.5, max: 3 };
      },
      path: 'pledges[0].quantityRounds',
      names: ['uniform distribution can draw values in [0.5, 3], outside the valid range (>= 1)'],
      count: 1,
    },
  ])('refuses $title', (c) => {
    expectRule(c);
  });

  it('says, for an outage mean past the cap, that null means no outages', () => {
    const issue = refused(
      (s) => {
        s.firms[1]!.outages = { meanDaysBetween: 1e308, meanDaysToRepair: 7 };
      },
      'firms[1].outages.meanDaysBetween',
      [IMPLAUSIBLE],
    );
    expect(issue.fix).toContain('For no outages, set outages to null');
  });

  it.each<[string, unknown]>([
    ['1e-300', 1e-300],
    ['5e-4', 5e-4],
    ['a sourced 1e-300', { value: 1e-300, confidence: 'L' }],
  ])(
    'refuses a coefficient of variation of %s, above 0 but below 1e-3 (1e-300 made the stock NaN)',
    (_, cv) => {
      const sourced = typeof cv === 'object';
      const issue = refused(
        (s) => {
          s.nations[0]!.consumption[0]!.variability = cv as never;
        },
        `nations[0].consumption[0].variability${sourced ? '.value' : ''}`,
        ['must be 0 or at least 0.001 (got '],
      );
      expect(issue.fix).toBe('Use 0 for deterministic consumption.');
    },
  );

  it('says what a missing or wrong variability may be: a coefficient of variation or "poisson"', () => {
    const missing = refused(
      (s) => {
        delete (s.nations[0]!.consumption[0] as { variability?: unknown }).variability;
      },
      'nations[0].consumption[0].variability',
      ["required field 'variability' is missing"],
    );
    expect(missing.fix).toContain('Coefficient of variation');
    expect(missing.fix).toContain('"poisson"');
    for (const wrong of ['gamma', true]) {
      refused(
        (s) => {
          s.nations[0]!.consumption[0]!.variability = wrong as never;
        },
        'nations[0].consumption[0].variability',
        [
          'must be a number >= 0 (coefficient of variation)',
          'or "poisson"',
          `(got ${JSON.stringify(wrong)})`,
        ],
      );
    }
    refused(
      (s) => {
        s.nations[0]!.consumption[0]!.variability = -1;
      },
      'nations[0].consumption[0].variability',
      ['must be >= 0 (got -1)'],
    );
  });

  it('runs a stock target at the cap: the order for it is held to the cap of one order', () => {
    // target + a day's demand − stock was 1.00000000002645e15 rounds, which placeOrder refused mid-run.
    const s = minimalScenario();
    const stock = s.nations[0]!.stockpiles[0]!;
    stock.storageCapacityRounds = 1e15;
    stock.targetRounds = 1e15;
    stock.initialRounds = 0;
    const run = runScenario(validateScenario(s), { strategy: nationalOnly, seed: 1 });
    expect(run.kpis.totalSpendEur).toBeGreaterThan(0);
  });

  it('accepts every one of these fields at its cap (and a coefficient of variation at its floor)', () => {
    const s = minimalScenario();
    s.firms[0]!.outages = { meanDaysBetween: 36_525, meanDaysToRepair: 36_525 };
    s.suppliers[0]!.outages = {
      meanDaysBetween: 36_525,
      meanDaysToRepair: { type: 'exponential', mean: 36_525 },
    };
    s.items[0]!.billOfMaterials[0]!.perRound = 1e6;
    s.components[1]!.billOfMaterials = [{ component: 'tnt', perUnit: 1e6 }];
    s.suppliers[1]!.inputs = [{ component: 'tnt', supplier: 'nitrochem' }];
    s.firms[0]!.investment!.hurdleRate = 10;
    s.firms[0]!.markupAtZeroUtilisation = 10;
    s.firms[0]!.markupAtFullUtilisation = 10;
    s.firms[1]!.markupAtFullUtilisation = { type: 'uniform', min: 1, max: 10 };
    s.shocks[0]!.multiplier = 1000;
    s.nations[0]!.consumption[0]!.roundsPerDay = 1e7;
    s.nations[0]!.consumption[0]!.variability = 100;
    s.nations[1]!.consumption[0]!.variability = 1e-3;
    s.recipients[0]!.consumption[0]!.roundsPerDay = { points: [{ date: '2025-01-01', value: 1e7 }] };
    s.pledges[0]!.quantityRounds = 1;
    const valid = validateScenario(s);
    expect(valid.nations[0]!.consumption[0]!.roundsPerDay).toBe(1e7);
    expect(valid.pledges[0]!.quantityRounds).toBe(1);
    // 0 is deterministic consumption, still allowed.
    const deterministic = minimalScenario();
    deterministic.nations[0]!.consumption[0]!.variability = 0;
    expect(validateScenario(deterministic).nations[0]!.consumption[0]!.variability).toBe(0);
  });
});
