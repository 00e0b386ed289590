/**
 * The scenario format as a JSON Schema. In a module of its own so that the declarations a library user's
 * compiler reads name only this function, not the zod types of every scenario field (600 KB of them).
 *
 * @module
 */
import * as z from 'zod';
import { scenarioObjectSchema } from './scenario-schema.js';

/**
 * The scenario format as a JSON Schema (draft 2020-12), e.g. for editor completion in scenario files.
 *
 * JSON Schema cannot express the cross-field rules (references, dates within the horizon, stock below
 * capacity, acyclic bills of materials, …): they are stated in the descriptions and checked by
 * `validateScenario`.
 *
 * @returns a fresh JSON Schema object
 * @example
 * writeFileSync('scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2));
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioObjectSchema, {
    target: 'draft-2020-12',
    // Arrays are readonly in TypeScript only; "readOnly" means something else in JSON Schema.
    override: (ctx) => {
      delete (ctx.jsonSchema as { readOnly?: boolean }).readOnly;
    },
  }) as Record<string, unknown>;
}
