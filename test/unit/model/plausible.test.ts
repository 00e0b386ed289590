import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { validateScenario } from '../../../src/model/validate.js';
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
