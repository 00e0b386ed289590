import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import { editDistance, suggestKey } from '../../../src/model/field-suggestions.js';
import { distributionSchema } from '../../../src/model/param-schema.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { scenarioJsonSchema } from '../../../src/model/scenario-json-schema.js';
import {
  crossFieldRules,
  type scenarioObjectSchema,
  scenarioSchema,
} from '../../../src/model/scenario-schema.js';
import type { DistributionSpec } from '../../../src/random/spec.js';
import { distributionTypes } from '../../../src/random/spec.js';
import { minimalScenario } from './fixtures.js';

type JsonSchema = {
  [key: string]: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  $defs?: Record<string, JsonSchema>;
};

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node))
    node.forEach((n) => {
      walk(n, visit);
    });
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

describe('scenarioSchema types', () => {
  it('the schema as written infers a type mutually assignable with Scenario', () => {
    // scenarioSchema is published as z.ZodType<Scenario>; the check that matters is on the schema as
    // written, whose inferred type zod derives from the field definitions.
    type Output = z.infer<typeof scenarioObjectSchema>;
    expectTypeOf<Output>().toExtend<Scenario>();
    expectTypeOf<Scenario>().toExtend<Output>();
    expectTypeOf<z.infer<typeof scenarioSchema>>().toEqualTypeOf<Scenario>();
  });

  it('z.infer<typeof distributionSchema> and DistributionSpec are mutually assignable', () => {
    type Output = z.infer<typeof distributionSchema>;
    expectTypeOf<Output>().toExtend<DistributionSpec>();
    expectTypeOf<DistributionSpec>().toExtend<Output>();
  });

  it('distributionSchema covers every distribution type', () => {
    const types = distributionSchema.options.map((o) => o.shape.type.value);
    expect([...types].sort()).toEqual([...distributionTypes].sort());
  });
});

describe('scenarioSchema', () => {
  it('scenarioSchema.parse(minimal scenario) returns an equal copy', () => {
    const data = minimalScenario();
    const parsed = scenarioSchema.parse(data);
    expect(parsed).toEqual(data);
    expect(parsed).not.toBe(data);
  });

  it('rejects an unknown field, suggesting the field a typo meant', () => {
    const data = minimalScenario();
    Object.assign(data.suppliers[0]!, { capacityPerMont: 5 });
    const issue = scenarioSchema.safeParse(data).error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue?.message).toBe("unknown field 'capacityPerMont'; did you mean 'capacityPerMonth'?");
  });

  it('rejects NaN and Infinity wherever a number is expected', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const data = minimalScenario();
      data.procurement.transportDays = value;
      expect(scenarioSchema.safeParse(data).success).toBe(false);
      const inDistribution = minimalScenario();
      inDistribution.procurement.transportDays = { type: 'uniform', min: 1, max: value };
      expect(scenarioSchema.safeParse(inDistribution).success).toBe(false);
    }
  });
});

describe('suggestKey', () => {
  it('editDistance counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('capacityPerMont', 'capacityPerMonth')).toBe(1);
    expect(editDistance('efficeincy', 'efficiency')).toBe(1);
    expect(editDistance('Name', 'name')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggestKey(key, allowed) returns the closest key only when it is a plausible typo', () => {
    const allowed = ['id', 'name', 'capacityPerMonth', 'initialStock'];
    expect(suggestKey('capacityPerMont', allowed)).toBe('capacityPerMonth');
    expect(suggestKey('initalStock', allowed)).toBe('initialStock');
    expect(suggestKey('nmae', allowed)).toBe('name');
    expect(suggestKey('colour', allowed)).toBeUndefined();
    expect(suggestKey('xy', allowed)).toBeUndefined();
    // Between equally near keys, the one that only adds to what was typed.
    expect(suggestKey('lever', ['level', 'levers'])).toBe('levers');
    expect(suggestKey('lever', ['levers', 'level'])).toBe('levers');
    expect(suggestKey('levle', ['level', 'levers'])).toBe('level');
  });
});

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as JsonSchema;

  it('is a draft 2020-12 JSON Schema that forbids unknown fields on every object', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    let objects = 0;
    walk(schema, (n) => {
      if (n.type === 'object' && n.properties !== undefined) {
        objects++;
        expect(n.additionalProperties).toBe(false);
      }
    });
    expect(objects).toBeGreaterThan(20);
  });

  it('shares distributions and sourced values through $defs and has no readOnly marks', () => {
    expect(Object.keys(schema.$defs ?? {})).toContain('Distribution');
    expect(Object.keys(schema.$defs ?? {})).toContain('Sourced_gt0_cap1e15');
    expect(JSON.stringify(schema)).not.toContain('readOnly');
    expect(JSON.stringify(schema).length).toBeLessThan(100_000);
  });

  it('states field ranges as keywords and units and cross-field rules in descriptions', () => {
    const firm = schema.properties?.firms?.items;
    const efficiency = firm?.properties?.efficiency as {
      anyOf: Record<string, unknown>[];
      description: string;
    };
    expect(efficiency.anyOf[0]).toMatchObject({ type: 'number', exclusiveMinimum: 0, maximum: 1 });
    expect(efficiency.description).toContain('(0, 1]');
    expect(String(firm?.properties?.inputs?.description)).toMatch(/bill of materials/);
    const stockpile = schema.properties?.nations?.items?.properties?.stockpiles?.items;
    expect(String(stockpile?.properties?.targetRounds?.description)).toMatch(/storageCapacityRounds/);
    const pledge = schema.properties?.pledges?.items;
    expect(String(pledge?.properties?.donors?.description)).toMatch(/sum to 1/);
    for (const rule of crossFieldRules) expect(String(schema.description)).toContain(rule);
  });

  it('states the new caps as maxima, and "poisson" as a constant beside the coefficient of variation', () => {
    // A Param field is { anyOf: [number, distribution, sourced] }; a profile or variability nests one more.
    const options = (field: unknown) => (field as { anyOf?: JsonSchema[] } | undefined)?.anyOf ?? [];
    const first = (field: unknown) => options(field)[0];
    const maximum = (field: unknown) => first(field)?.maximum;
    const consumption = schema.properties?.nations?.items?.properties?.consumption?.items?.properties;
    expect(options(consumption?.variability)).toContainEqual({
      type: 'string',
      const: 'poisson',
    });
    expect(maximum(first(consumption?.variability))).toBe(100);
    expect(maximum(first(consumption?.roundsPerDay))).toBe(1e7);
    const firm = schema.properties?.firms?.items?.properties;
    expect(maximum(firm?.markupAtFullUtilisation)).toBe(10);
    expect(maximum(firm?.investment?.properties?.hurdleRate)).toBe(10);
    expect(maximum(first(firm?.outages)?.properties?.meanDaysBetween)).toBe(36_525);
    const bom = schema.properties?.items?.items?.properties?.billOfMaterials?.items;
    expect(maximum(bom?.properties?.perRound)).toBe(1e6);
    expect(maximum(schema.properties?.shocks?.items?.properties?.multiplier)).toBe(1000);
    expect(first(schema.properties?.pledges?.items?.properties?.quantityRounds)).toMatchObject({
      minimum: 1,
      maximum: 1e15,
    });
  });

  it('describes every field of every object', () => {
    const undocumented: string[] = [];
    walk(schema, (n) => {
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      if (props === undefined) return;
      for (const [key, prop] of Object.entries(props)) {
        // Distribution parameters are documented once, on the Distribution definition.
        if (
          prop.description === undefined &&
          prop.$ref === undefined &&
          !('const' in prop) &&
          n !== schema.$defs?.Distribution
        ) {
          undocumented.push(key);
        }
      }
    });
    const distributionParameters = new Set([
      'value',
      'min',
      'max',
      'mode',
      'mean',
      'sd',
      'mu',
      'sigma',
      'shape',
      'scale',
      'alpha',
      'beta',
      'n',
      'p',
      'values',
      'probabilities',
      'samples',
    ]);
    expect(undocumented.filter((k) => !distributionParameters.has(k))).toEqual([]);
  });
});
