import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/errors.js';
import { validateScenario } from '../../../src/model/validate.js';
import { minimalScenario } from './fixtures.js';
import { expectRule, issuesOf, type RuleCase } from './validate-helpers.js';

describe('validateScenario on valid data', () => {
  it('validateScenario(minimal scenario) returns an equal, typed copy', () => {
    const data = minimalScenario();
    const scenario = validateScenario(data);
    expect(scenario).toEqual(data);
    expect(scenario).not.toBe(data);
    expect(scenario.firms[0]?.lines[0]?.nameplateRoundsPerMonth).toBe(10_000);
    expect(Object.isFrozen(scenario.firms)).toBe(true);
  });

  it('accepts data that went through JSON, and leaves its input untouched', () => {
    const data = minimalScenario();
    const text = JSON.stringify(data);
    expect(validateScenario(JSON.parse(text))).toEqual(data);
    expect(JSON.stringify(data)).toBe(text);
  });

  it('accepts distributions, sourced values and every profile form', () => {
    const s = minimalScenario();
    s.nations[0]!.budgetEurPerYear = {
      points: [
        { date: '2024-01-01', value: 1e9 },
        { date: '2028-01-01', value: 2e9 },
      ],
    };
    s.nations[0]!.stockpiles[0]!.storageCapacityRounds = {
      type: 'lognormalFromMeanSd',
      mean: 200_000,
      sd: 10_000,
    };
    s.nations[0]!.stockpiles[0]!.initialRounds = {
      value: { type: 'uniform', min: 40_000, max: 60_000 },
      facts: ['ST-01'],
      confidence: 'L',
    };
    s.firms[0]!.efficiency = { type: 'beta', alpha: 8, beta: 2 };
    s.firms[0]!.lines.push({ id: 'line-2', nameplateRoundsPerMonth: 5_000, commissionedDate: '2024-06-01' });
    s.nations[1]!.fiscalYearStartMonth = 4;
    s.exchangeRatesToEur = { USD: 0.92 };
    expect(() => validateScenario(s)).not.toThrow();
  });
});

describe('validateScenario: a field written as undefined (code can, a file cannot)', () => {
  const messageAt = (path: string, mutate: (s: ReturnType<typeof minimalScenario>) => void) => {
    const s = minimalScenario();
    mutate(s);
    return issuesOf(s).map((i) => (i.path === path ? i.message : undefined));
  };

  it('is not called missing; a required field must be given a value', () => {
    const messages = messageAt('firms[1].name', (s) => Object.assign(s.firms[1]!, { name: undefined }));
    expect(messages).toEqual(["field 'name' is undefined: give it a value"]);
  });

  it('an optional one may also be left out, which the message says', () => {
    const path = 'nations[0].fiscalYearStartMonth';
    const messages = messageAt(path, (s) =>
      Object.assign(s.nations[0]!, { fiscalYearStartMonth: undefined }),
    );
    expect(messages).toEqual([
      "field 'fiscalYearStartMonth' is undefined: give it a value or leave the field out",
    ]);
  });
});

describe('validateScenario: fields, types and ranges', () => {
  const cases: RuleCase[] = [
    {
      title: 'a typo in a field name, with the field it meant',
      mutate: (s) => {
        Object.assign(s.firms[0]!, { efficency: 0.9 });
      },
      path: 'firms[0].efficency',
      names: ["unknown field 'efficency'", "did you mean 'efficiency'?"],
      count: 1,
    },
    {
      title: 'a renamed field as unknown plus missing',
      mutate: (s) => {
        const supplier = s.suppliers[0] as unknown as Record<string, unknown>;
        supplier.capacityPerMont = supplier.capacityPerMonth;
        delete supplier.capacityPerMonth;
      },
      path: 'suppliers[0].capacityPerMont',
      names: ["did you mean 'capacityPerMonth'?"],
      count: 2,
    },
    {
      title: 'a missing required field',
      mutate: (s) => {
        delete (s.firms[1] as { name?: string }).name;
      },
      path: 'firms[1].name',
      names: ["required field 'name' is missing"],
      count: 1,
    },
    {
      title: 'a negative capacity',
      mutate: (s) => {
        s.firms[0]!.lines[0]!.nameplateRoundsPerMonth = -40;
      },
      path: 'firms[0].lines[0].nameplateRoundsPerMonth',
      names: ['> 0', '(got -40)'],
      count: 1,
    },
    {
      title: 'a zero capacity profile',
      mutate: (s) => {
        s.suppliers[0]!.capacityPerMonth = 0;
      },
      path: 'suppliers[0].capacityPerMonth',
      names: ['> 0', '(got 0)'],
      count: 1,
    },
    {
      title: 'a zero storage capacity',
      mutate: (s) => {
        s.nations[1]!.stockpiles[0]!.storageCapacityRounds = 0;
      },
      path: 'nations[1].stockpiles[0].storageCapacityRounds',
      names: ['(got 0)'],
      count: 1,
    },
    {
      title: 'NaN',
      mutate: (s) => {
        s.nations[0]!.budgetEurPerYear = Number.NaN;
      },
      path: 'nations[0].budgetEurPerYear',
      names: ['finite', 'NaN'],
      count: 1,
    },
    {
      title: 'Infinity inside a distribution',
      mutate: (s) => {
        s.procurement.awardDelayDays = { type: 'uniform', min: 30, max: Number.POSITIVE_INFINITY };
      },
      path: 'procurement.awardDelayDays.max',
      names: ['Infinity'],
      count: 1,
    },
    {
      title: 'an efficiency above 1',
      mutate: (s) => {
        s.firms[1]!.efficiency = 1.2;
      },
      path: 'firms[1].efficiency',
      names: ['<= 1', '1.2'],
      count: 1,
    },
    {
      title: 'a zero efficiency inside a sourced value',
      mutate: (s) => {
        s.firms[1]!.efficiency = { value: 0, facts: ['FI-05'] };
      },
      path: 'firms[1].efficiency.value',
      names: ['> 0', '(got 0)'],
      count: 1,
    },
    {
      title: 'a distribution that can leave the field range',
      mutate: (s) => {
        s.firms[1]!.efficiency = { type: 'normal', mean: 0.8, sd: 0.1 };
      },
      path: 'firms[1].efficiency',
      names: ['normal', '(0, 1]'],
      count: 1,
    },
    {
      title: 'a share above 1',
      mutate: (s) => {
        s.nations[0]!.exportLicence.denialProbability = 1.5;
      },
      path: 'nations[0].exportLicence.denialProbability',
      names: ['1.5', '<= 1'],
      count: 1,
    },
    {
      title: 'invalid distribution parameters (via createSampler)',
      mutate: (s) => {
        s.firms[0]!.investment.buildLeadTimeDays = { type: 'triangular', min: 365, mode: 548, max: 300 };
      },
      path: 'firms[0].investment.buildLeadTimeDays',
      names: ['triangular', 'max must be > min', '300'],
      count: 1,
    },
    {
      title: 'an unknown distribution type',
      mutate: (s) => {
        s.procurement.transportDays = { type: 'cauchy', x0: 1 } as never;
      },
      path: 'procurement.transportDays.type',
      names: ['"cauchy"', 'triangular'],
      count: 1,
    },
    {
      title: 'a distribution type under another name, with the name dibsim uses',
      mutate: (s) => {
        s.procurement.transportDays = { type: 'gaussian', mean: 10, sd: 2 } as never;
      },
      path: 'procurement.transportDays.type',
      names: ['unknown distribution type "gaussian"; did you mean \'normal\'? Known: constant, uniform'],
      count: 1,
    },
    {
      title: 'a misspelt distribution type, with the nearest',
      mutate: (s) => {
        s.procurement.transportDays = { type: 'triangualr', min: 1, mode: 2, max: 3 } as never;
      },
      path: 'procurement.transportDays.type',
      names: ["did you mean 'triangular'?"],
      count: 1,
    },
    {
      title: 'an object with no distribution type at all, as type missing',
      mutate: (s) => {
        s.procurement.transportDays = { min: 7, max: 21 } as never;
      },
      path: 'procurement.transportDays.type',
      names: ["required field 'type' is missing"],
      count: 1,
    },
    {
      title: 'a misspelt type key, with the key it meant',
      mutate: (s) => {
        s.procurement.transportDays = { tpye: 'uniform', min: 7, max: 21 } as never;
      },
      path: 'procurement.transportDays.tpye',
      names: ["unknown field 'tpye'; did you mean 'type'?"],
      count: 1,
    },
    {
      title: 'a profile where the field takes none, said as such',
      mutate: (s) => {
        s.procurement.transportDays = { expression: '14' } as never;
      },
      path: 'procurement.transportDays',
      names: ['a profile ({ expression }) is not allowed in this field'],
      count: 1,
    },
    // A mistake inside a sourced value or a profile is reported at its own field: these have no `type`,
    // and used to be reported as an unknown distribution type of the whole value.
    {
      title: 'facts of a sourced value that are not a list',
      mutate: (s) => {
        s.nations[0]!.stockpiles[0]!.initialRounds = { value: 50_000, facts: null, confidence: 'L' } as never;
      },
      path: 'nations[0].stockpiles[0].initialRounds.facts',
      names: ['must be an array (got null)'],
      count: 1,
    },
    {
      title: 'a bad parameter of the distribution inside a sourced value',
      mutate: (s) => {
        s.nations[0]!.stockpiles[0]!.initialRounds = {
          value: { type: 'uniform', min: 'x', max: 60_000 },
          facts: ['ST-01'],
        } as never;
      },
      path: 'nations[0].stockpiles[0].initialRounds.value.min',
      names: ['must be a finite number (got "x")'],
      count: 1,
    },
    {
      title: 'a misspelt confidence grade',
      mutate: (s) => {
        s.nations[0]!.stockpiles[0]!.initialRounds = { value: 50_000, confidence: 'gapp' } as never;
      },
      path: 'nations[0].stockpiles[0].initialRounds.confidence',
      names: ['"gap"', '(got "gapp")'],
      count: 1,
    },
    {
      title: 'a sourced value without its value',
      mutate: (s) => {
        s.nations[0]!.stockpiles[0]!.initialRounds = { facts: ['ST-01'], confidence: 'L' } as never;
      },
      path: 'nations[0].stockpiles[0].initialRounds.value',
      names: ["required field 'value' is missing"],
      count: 1,
    },
    {
      title: 'profile steps that are not a list',
      mutate: (s) => {
        s.nations[0]!.budgetEurPerYear = { steps: null } as never;
      },
      path: 'nations[0].budgetEurPerYear.steps',
      names: ['must be an array (got null)'],
      count: 1,
    },
    {
      title: 'a negative value inside a profile step',
      mutate: (s) => {
        s.nations[0]!.budgetEurPerYear = { steps: [{ from: '2025-01-01', value: { value: -5 } }] } as never;
      },
      path: 'nations[0].budgetEurPerYear.steps[0].value.value',
      names: ['>= 0', '(got -5)'],
      count: 1,
    },
    {
      title: 'a misspelt profile key, as unknown plus missing rather than an unknown distribution type',
      mutate: (s) => {
        s.nations[0]!.consumption[0]!.roundsPerDay = { expresion: '100 + t / 10' } as never;
      },
      path: 'nations[0].consumption[0].roundsPerDay.expresion',
      names: ["unknown field 'expresion'", "did you mean 'expression'?"],
      count: 2,
    },
    {
      title: 'a typo in a distribution parameter',
      mutate: (s) => {
        s.procurement.transportDays = { type: 'triangular', min: 7, mdoe: 10, max: 21 } as never;
      },
      path: 'procurement.transportDays.mdoe',
      names: ["did you mean 'mode'?"],
    },
    {
      title: 'a minimum order share above 1',
      mutate: (s) => {
        (s.procurement as { minOrderShare?: number }).minOrderShare = 5;
      },
      path: 'procurement.minOrderShare',
      names: ['5', '<= 1'],
      count: 1,
    },
    {
      title: 'a production order that is not one of the two',
      mutate: (s) => {
        (s.procurement as { productionOrder?: string }).productionOrder = 'pledgeFirst';
      },
      path: 'procurement.productionOrder',
      names: ['"activation" or "pledgesFirst"', '"pledgeFirst"'],
      count: 1,
    },
    {
      title: 'a fiscal year starting in month 13',
      mutate: (s) => {
        s.nations[1]!.fiscalYearStartMonth = 13;
      },
      path: 'nations[1].fiscalYearStartMonth',
      names: ['<= 12', '13'],
      count: 1,
    },
    {
      title: 'a fractional fiscal start month',
      mutate: (s) => {
        s.nations[1]!.fiscalYearStartMonth = 4.5;
      },
      path: 'nations[1].fiscalYearStartMonth',
      names: ['integer', '4.5'],
      count: 1,
    },
    {
      title: 'a wrong type',
      mutate: (s) => {
        (s.items[0] as { name: unknown }).name = 42;
      },
      path: 'items[0].name',
      names: ['must be a string', '42'],
      count: 1,
    },
    {
      title: 'a value outside an enumeration',
      mutate: (s) => {
        (s.firms[0] as { ownership: string }).ownership = 'public';
      },
      path: 'firms[0].ownership',
      names: ['"state" or "private"', '"public"'],
      count: 1,
    },
    {
      title: 'a decreasing ramp profile',
      mutate: (s) => {
        s.firms[0]!.rampProfile = [0.5, 0.4, 1];
      },
      path: 'firms[0].rampProfile[1]',
      names: ['must not decrease', '0.4'],
      count: 1,
    },
    {
      title: 'a ramp profile not ending at 1',
      mutate: (s) => {
        s.firms[0]!.rampProfile = [0.5, 0.9];
      },
      path: 'firms[0].rampProfile[1]',
      names: ['end at 1', '0.9'],
      count: 1,
    },
    {
      title: 'profile steps out of date order',
      mutate: (s) => {
        s.suppliers[1]!.capacityPerMonth = {
          steps: [
            { from: '2026-01-01', value: 45_000 },
            { from: '2025-01-01', value: 30_000 },
          ],
        };
      },
      path: 'suppliers[1].capacityPerMonth.steps[1].from',
      names: ["'2025-01-01' follows '2026-01-01'"],
      count: 1,
    },
    {
      title: 'a date that does not exist',
      mutate: (s) => {
        s.pledges[0]!.startDate = '2025-02-30';
      },
      path: 'pledges[0].startDate',
      names: ['real calendar date', '"2025-02-30"'],
      count: 1,
    },
    {
      title: 'a date in the wrong format',
      mutate: (s) => {
        s.startDate = '01/01/2025';
      },
      path: 'startDate',
      names: ['YYYY-MM-DD', '"01/01/2025"'],
      count: 1,
    },
    {
      title: 'a bad schemaVersion, naming the version this dibsim reads',
      mutate: (s) => {
        (s as { schemaVersion: number }).schemaVersion = 2;
      },
      path: 'schemaVersion',
      names: ['must be 1', '(got 2)'],
      count: 1,
    },
    {
      title: 'an exchange-rate key that is not a currency code',
      mutate: (s) => {
        s.exchangeRatesToEur = { usd: 0.92 };
      },
      path: 'exchangeRatesToEur.usd',
      names: ['"usd"', 'ISO 4217'],
      count: 1,
    },
  ];

  it.each(cases.map((c) => [c.title, c] as const))('reports %s', (_title, c) => {
    expectRule(c);
  });

  it('says which schemaVersion it reads in the fix', () => {
    const issue = expectRule(cases.find((c) => c.path === 'schemaVersion')!);
    expect(issue.fix).toContain('schemaVersion 1');
  });
});

describe('validateScenario: unsafe input', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'rejects an own %s key anywhere, before the schema runs',
    (key) => {
      const text = JSON.stringify(minimalScenario()).replace(
        '"efficiency":',
        `"${key}":{"polluted":true},"efficiency":`,
      );
      const issues = issuesOf(JSON.parse(text));
      expect(issues[0]).toMatchObject({ path: `firms[0].${key}`, message: `forbidden key '${key}'` });
      expect(issues[0]?.fix).toMatch(/Remove it/);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    },
  );

  it('rejects a circular reference instead of overflowing the stack', () => {
    const s = minimalScenario() as unknown as { items: { self?: unknown }[] };
    s.items[0]!.self = s;
    expect(issuesOf(s)[0]).toMatchObject({ path: 'items[0].self', message: 'circular reference' });
  });

  it.each([
    [42, 'must be an object'],
    [null, 'must be an object'],
    [[], 'must be an object'],
  ])('rejects %j at the root', (data, message) => {
    expect(issuesOf(data)[0]).toMatchObject({ path: '(root)' });
    expect(issuesOf(data)[0]?.message).toContain(message);
  });
});

describe('validateScenario: many problems at once', () => {
  it('reports every problem in one ScenarioError, in document order', () => {
    const s = minimalScenario();
    s.endDate = '2024-01-01'; // before the start
    s.nations[0]!.stockpiles[0]!.targetRounds = 300_000; // above storage capacity
    s.firms[0]!.lines[0]!.nameplateRoundsPerMonth = -40; // negative
    s.firms[1]!.nation = 'XX'; // unknown
    Object.assign(s.suppliers[1]!, { capacityPerMonthh: 1 }); // typo
    s.pledges[0]!.donors[1]!.share = 0.3; // shares sum to 0.9
    s.shocks[0]!.actors = ['RU']; // unknown actor
    let error: unknown;
    try {
      validateScenario(s, 'broken.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const { issues, message } = error as ScenarioError;
    expect(issues.map((i) => i.path)).toEqual([
      'endDate',
      'nations[0].stockpiles[0].targetRounds',
      'firms[0].lines[0].nameplateRoundsPerMonth',
      'firms[1].nation',
      'suppliers[1].capacityPerMonthh',
      'pledges[0].donors',
      'shocks[0].actors[0]',
    ]);
    expect(message).toMatch(/^broken\.json has 7 problems:/);
    for (const issue of issues) expect(message).toContain(`${issue.path}: ${issue.message}`);
  });

  it('still checks references of valid entities when other entities fail the schema', () => {
    const s = minimalScenario();
    s.firms[0]!.efficiency = 2; // firms[0] fails the schema
    s.firms[1]!.inputs[0]!.supplier = 'acme'; // firms[1] is valid but refers to nothing
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toEqual(['firms[0].efficiency', 'firms[1].inputs[0].supplier']);
  });

  it('reports a collection that is not a list once, not every reference into it', () => {
    const s = minimalScenario() as unknown as Record<string, unknown>;
    s.nations = {}; // firms, suppliers, pledges and shocks all name nations
    const issues = issuesOf(s);
    expect(issues.map((i) => i.path)).toEqual(['nations']);
    expect(issues[0]!.message).toBe('must be an array (got {})');
    expect(issues[0]!.fix).toContain('A list of the nations');
    s.nations = [];
    expect(issuesOf(s)[0]!.message).toBe('must have at least 1 entry (got 0)');
  });

  it('does not call an id unknown when its entity exists but is invalid', () => {
    const s = minimalScenario();
    s.nations[1]!.budgetEurPerYear = -1; // FR is invalid but still defines the id FR
    expect(issuesOf(s).map((i) => i.path)).toEqual(['nations[1].budgetEurPerYear']);
  });
});
