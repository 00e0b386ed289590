/**
 * Strict zod objects whose unknown-key errors suggest the field a typo meant:
 * `unknown field 'capacityPerMont'; did you mean 'capacityPerMonth'?`.
 *
 * @module
 * @internal
 */

import * as z from 'zod';
import { unknownFieldMessage } from './field-suggestions.js';

/** A strict object: unknown keys are errors whose message suggests the field a typo meant. */
export function strict<Shape extends z.ZodRawShape>(shape: Shape): z.ZodObject<Shape, z.core.$strict> {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownFieldMessage(key, allowed)).join('\n')
        : undefined,
  });
}
