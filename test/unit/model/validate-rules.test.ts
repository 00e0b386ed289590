import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/model/validate.js';
import { minimalScenario } from './fixtures.js';
import { expectRule, issuesOf, type RuleCase } from './validate-helpers.js';

const cases: RuleCase[] = [
  // Dates and the horizon.
  {
    title: 'an end date before the start date',
    mutate: (s) => {
      s.endDate = '2024-06-01';
    },
    path: 'endDate',
    names: ["'2024-06-01'", "'2025-01-01'"],
    count: 1,
  },
  {
    title: 'a horizon of more than 100 years (one replication to 9999-12-31 ran for minutes)',
    mutate: (s) => {
      s.endDate = '9999-12-31';
    },
    path: 'endDate',
    names: [
      "endDate '9999-12-31' is 2912807 days after startDate '2025-01-01'",
      'at most 36525 days (100 years)',
    ],
    count: 1,
  },
  {
    title: 'a pledge date outside the horizon',
    mutate: (s) => {
      s.pledges[0]!.deadlineDate = '2027-01-01';
    },
    path: 'pledges[0].deadlineDate',
    names: ["'2027-01-01'", '[2025-01-01, 2027-01-01)'],
    count: 1,
  },
  {
    title: 'a pledge deadline before the pledge is made',
    mutate: (s) => {
      s.pledges[0]!.deadlineDate = '2025-02-01';
    },
    path: 'pledges[0].deadlineDate',
    names: ["'2025-02-01'", "'2025-03-01'"],
    count: 1,
  },
  {
    title: 'a shock starting before the horizon',
    mutate: (s) => {
      s.shocks[0]!.startDate = '2024-12-31';
    },
    path: 'shocks[0].startDate',
    names: ["'2024-12-31'"],
    count: 1,
  },
  {
    title: 'a shock ending before it starts',
    mutate: (s) => {
      s.shocks[0]!.endDate = '2025-05-01';
    },
    path: 'shocks[0].endDate',
    names: ["'2025-05-01'", "'2025-06-01'"],
    count: 1,
  },
  {
    title: 'a line commissioned after the horizon',
    mutate: (s) => {
      s.firms[0]!.lines[0]!.commissionedDate = '2027-03-01';
    },
    path: 'firms[0].lines[0].commissionedDate',
    names: ["'2027-03-01'"],
    count: 1,
  },
  {
    title: 'a profile step after the horizon',
    mutate: (s) => {
      s.suppliers[1]!.capacityPerMonth = {
        steps: [
          { from: '2025-01-01', value: 1 },
          { from: '2027-01-01', value: 2 },
        ],
      };
    },
    path: 'suppliers[1].capacityPerMonth.steps[1].from',
    names: ["'2027-01-01'"],
    count: 1,
  },
  // Unique ids.
  {
    title: 'a duplicate id',
    mutate: (s) => {
      s.firms[1]!.id = 'rheinmetall';
    },
    path: 'firms[1].id',
    names: ["duplicate firm id 'rheinmetall'", 'index 0'],
    count: 1,
  },
  {
    title: 'a duplicate line id within a firm',
    mutate: (s) => {
      s.firms[0]!.lines.push({ id: 'line-1', nameplateRoundsPerMonth: 1 });
    },
    path: 'firms[0].lines[1].id',
    names: ["'line-1'"],
    count: 1,
  },
  {
    title: 'a recipient id that is also a nation id',
    mutate: (s) => {
      s.recipients[0]!.id = 'FR';
      s.pledges[0]!.recipient = 'FR';
      s.shocks[0]!.actors = ['FR'];
    },
    path: 'recipients[0].id',
    names: ["'FR'"],
    count: 1,
  },
  {
    title: 'two stockpiles of one item in one nation',
    mutate: (s) => {
      s.nations[0]!.stockpiles.push({ ...s.nations[0]!.stockpiles[0]! });
    },
    path: 'nations[0].stockpiles[1].item',
    names: ["'155mm'"],
    count: 1,
  },
  {
    title: 'a donor listed twice',
    mutate: (s) => {
      s.pledges[0]!.donors = [
        { nation: 'DE', share: 0.5 },
        { nation: 'DE', share: 0.5 },
      ];
    },
    path: 'pledges[0].donors[1].nation',
    names: ["'DE'"],
    count: 1,
  },
  // References.
  {
    title: 'an unknown nation, listing the known ones',
    mutate: (s) => {
      s.firms[1]!.nation = 'XX';
    },
    path: 'firms[1].nation',
    names: ["unknown nation 'XX'; known: DE, FR"],
    count: 1,
  },
  {
    title: 'an unknown supplier',
    mutate: (s) => {
      s.firms[0]!.inputs[1]!.supplier = 'acme';
    },
    path: 'firms[0].inputs[1].supplier',
    names: ["unknown supplier 'acme'; known: nitrochem, eurenco"],
    count: 1,
  },
  {
    title: 'an unknown component in a bill of materials',
    mutate: (s) => {
      s.items[0]!.billOfMaterials.push({ component: 'fuze', perRound: 1 });
    },
    path: 'items[0].billOfMaterials[2].component',
    names: ["unknown component 'fuze'; known: tnt, charge"],
  },
  {
    title: 'an unknown stockpile item',
    mutate: (s) => {
      s.nations[1]!.stockpiles[0]!.item = '120mm';
      s.nations[1]!.consumption = [];
    },
    path: 'nations[1].stockpiles[0].item',
    names: ["unknown item '120mm'; known: 155mm"],
    count: 1,
  },
  {
    title: 'an unknown pledge recipient',
    mutate: (s) => {
      s.pledges[0]!.recipient = 'MD';
    },
    path: 'pledges[0].recipient',
    names: ["unknown recipient 'MD'; known: UA"],
    count: 1,
  },
  {
    title: 'an unknown donor',
    mutate: (s) => {
      s.pledges[0]!.donors[0]!.nation = 'PL';
    },
    path: 'pledges[0].donors[0].nation',
    names: ["unknown nation 'PL'"],
    count: 1,
  },
  {
    title: 'an unknown shock actor',
    mutate: (s) => {
      s.shocks[0]!.actors = ['UA', 'RU'];
    },
    path: 'shocks[0].actors[1]',
    names: ["unknown nation or recipient 'RU'; known: DE, FR, UA"],
    count: 1,
  },
  // Inputs and bills of materials.
  {
    title: 'a firm without a supplier for a BOM component',
    mutate: (s) => {
      s.firms[1]!.inputs = [{ component: 'tnt', supplier: 'nitrochem' }];
    },
    path: 'firms[1].inputs',
    names: ["'knds'", "'charge'"],
    count: 1,
  },
  {
    title: 'an input from a supplier of another component',
    mutate: (s) => {
      s.firms[0]!.inputs[0]!.supplier = 'eurenco';
    },
    path: 'firms[0].inputs[0].supplier',
    names: ["'eurenco' supplies 'charge', not 'tnt'"],
    count: 1,
  },
  {
    title: 'a supplier input for a component without a bill of materials',
    mutate: (s) => {
      s.suppliers[0]!.inputs = [{ component: 'charge', supplier: 'eurenco' }];
    },
    path: 'suppliers[0].inputs[0].component',
    names: ["'charge'", 'empty'],
    count: 1,
  },
  {
    title: 'a cyclic bill of materials, naming the cycle',
    mutate: (s) => {
      s.components[0]!.billOfMaterials = [{ component: 'charge', perUnit: 0.1 }];
      s.components[1]!.billOfMaterials = [{ component: 'tnt', perUnit: 2 }];
      s.suppliers[0]!.inputs = [{ component: 'charge', supplier: 'eurenco' }];
      s.suppliers[1]!.inputs = [{ component: 'tnt', supplier: 'nitrochem' }];
    },
    path: 'components[1].billOfMaterials[0].component',
    names: ['tnt → charge → tnt'],
    count: 1,
  },
  {
    title: 'a component that needs itself',
    mutate: (s) => {
      s.components[0]!.billOfMaterials = [{ component: 'tnt', perUnit: 0.1 }];
      s.suppliers[0]!.inputs = [{ component: 'tnt', supplier: 'nitrochem' }];
    },
    path: 'components[0].billOfMaterials[0].component',
    names: ['tnt → tnt'],
    count: 1,
  },
  // Stock, capacity and consumers.
  {
    title: 'a stock target above storage capacity',
    mutate: (s) => {
      s.nations[0]!.stockpiles[0]!.targetRounds = 300_000;
    },
    path: 'nations[0].stockpiles[0].targetRounds',
    names: ['300000', '200000'],
    count: 1,
  },
  {
    title: 'a stepped target above storage capacity, at the step',
    mutate: (s) => {
      s.nations[0]!.stockpiles[0]!.targetRounds = {
        steps: [
          { from: '2025-01-01', value: 1e5 },
          { from: '2026-01-01', value: 2.5e5 },
        ],
      };
    },
    path: 'nations[0].stockpiles[0].targetRounds.steps[1].value',
    names: ['250000'],
    count: 1,
  },
  {
    title: 'an expression target that grows above storage capacity',
    mutate: (s) => {
      s.nations[0]!.stockpiles[0]!.targetRounds = { expression: '100000 + 200 * t' };
    },
    path: 'nations[0].stockpiles[0].targetRounds.expression',
    names: ['reaches 245800', '200000'],
    count: 1,
  },
  {
    title: 'an initial stock whose distribution can exceed storage capacity',
    mutate: (s) => {
      s.nations[1]!.stockpiles[0]!.initialRounds = { type: 'uniform', min: 100_000, max: 250_000 };
    },
    path: 'nations[1].stockpiles[0].initialRounds',
    names: ['up to 250000', '200000'],
    count: 1,
  },
  {
    title: 'a safety level above storage capacity',
    mutate: (s) => {
      s.nations[1]!.stockpiles[0]!.safetyRounds = { value: 250_000, facts: ['ST-02'] };
    },
    path: 'nations[1].stockpiles[0].safetyRounds',
    names: ['250000'],
    count: 1,
  },
  {
    title: 'consumption of an item the nation does not stock',
    mutate: (s) => {
      s.nations[1]!.stockpiles = [];
    },
    path: 'nations[1].consumption[0].item',
    names: ["'FR' consumes '155mm'"],
    count: 1,
  },
  {
    title: 'a firm making an item no nation stocks',
    mutate: (s) => {
      s.items.push({
        id: '120mm',
        name: '120 mm mortar',
        billOfMaterials: [{ component: 'tnt', perRound: 2 }],
      });
      s.firms[1]!.item = '120mm';
      s.firms[1]!.inputs = [{ component: 'tnt', supplier: 'nitrochem' }];
    },
    path: 'firms[1].item',
    names: ["'120mm'", 'no nation stocks'],
    count: 1,
  },
  {
    title: 'markups that fall with utilisation',
    mutate: (s) => {
      s.firms[0]!.markupAtZeroUtilisation = 0.7;
    },
    path: 'firms[0].markupAtFullUtilisation',
    names: ['0.6', '0.7'],
    count: 1,
  },
  {
    title: 'donor shares that do not sum to 1',
    mutate: (s) => {
      s.pledges[0]!.donors[1]!.share = 0.3;
    },
    path: 'pledges[0].donors',
    names: ['sum to 0.9', 'DE 0.6 + FR 0.3'],
    count: 1,
  },
  // Expressions.
  {
    title: 'an expression calling a disabled function',
    mutate: (s) => {
      s.recipients[0]!.consumption[0]!.roundsPerDay = { expression: 'evaluate("2000")' };
    },
    path: 'recipients[0].consumption[0].roundsPerDay.expression',
    names: ["'evaluate'", 'allowed functions: abs'],
  },
  {
    title: 'an expression using an unknown symbol',
    mutate: (s) => {
      s.nations[0]!.budgetEurPerYear = { expression: 'budget * 2' };
    },
    path: 'nations[0].budgetEurPerYear.expression',
    names: ["unknown symbol 'budget'", 't, pi, e'],
    count: 1,
  },
  {
    title: 'an expression that goes negative within the horizon',
    mutate: (s) => {
      s.nations[0]!.consumption[0]!.roundsPerDay = { expression: '100 - t' };
    },
    path: 'nations[0].consumption[0].roundsPerDay.expression',
    names: ['gives -1 on day 101 (2025-04-12)', '>= 0'],
    count: 1,
  },
  {
    title: 'an expression that is not finite on some day',
    mutate: (s) => {
      s.suppliers[0]!.capacityPerMonth = { expression: '1000 * log(t)' };
    },
    path: 'suppliers[0].capacityPerMonth.expression',
    names: ['non-finite', 'day 0 (2025-01-01)'],
    count: 1,
  },
];

describe('the horizon limit', () => {
  it('accepts a horizon of exactly 100 years (36525 days)', () => {
    const s = minimalScenario();
    s.endDate = '2125-01-02';
    expect(validateScenario(s).endDate).toBe('2125-01-02');
  });
});

describe('validateScenario: cross-field rules', () => {
  it.each(cases.map((c) => [c.title, c] as const))('reports %s', (_title, c) => {
    expectRule(c);
  });

  it('compares distributions without an obvious maximum by skipping them', () => {
    const s = minimalScenario();
    // A lognormal capacity has no maximum; the target is then not compared with it.
    s.nations[0]!.stockpiles[0]!.storageCapacityRounds = {
      type: 'lognormalFromMeanSd',
      mean: 100_000,
      sd: 5_000,
    };
    expect(() => validateScenario(s)).not.toThrow();
  });

  it('does not report that no nation stocks an item when the nations that might are invalid themselves', () => {
    const s = minimalScenario();
    for (const n of s.nations) n.stockpiles[0]!.initialRounds = -1;
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toEqual(s.nations.map((_, i) => `nations[${i}].stockpiles[0].initialRounds`));
  });

  it('accepts donor shares that sum to 1 within 1e-9', () => {
    const s = minimalScenario();
    s.pledges[0]!.donors = [
      { nation: 'DE', share: 0.1 },
      { nation: 'FR', share: 0.2 },
      { nation: 'DE', share: 0.7 },
    ];
    // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in floating point; only the duplicate donor is wrong.
    expect(issuesOf(s).map((i) => i.path)).toEqual(['pledges[0].donors[2].nation']);
  });
});
