/**
 * Stylised scenarios for the strategy tests, built from the model's small-scenario builders: nations
 * that are PESCO members (or third states), each with or without a firm, and "no frictions" settings.
 */
import type { Membership, NationSpec, Scenario } from '../../../src/model/scenario.js';
import { firm, type NationOverrides, nation, smallScenario, suppliersFor } from '../model/small-scenario.js';

/** Memberships of an EU state in PESCO. */
export const PESCO_MEMBER: readonly Membership[] = ['NATO', 'EU', 'PESCO'];
/** Memberships of a PESCO third state outside the EU/EEA (UK-like). */
export const THIRD_STATE: readonly Membership[] = ['NATO', 'PESCO-third-state'];

/** Procurement settings without frictions between strategies: no qualification delay or cost. */
export function frictionless(overrides: Partial<Scenario['procurement']> = {}): Scenario['procurement'] {
  return { ...smallScenario().procurement, qualificationDelayDays: 0, qualificationCostEur: 0, ...overrides };
}

/** A PESCO member nation (see {@link nation}). */
export function member(id: string, overrides: NationOverrides = {}): NationSpec {
  return nation(id, { memberships: [...PESCO_MEMBER], ...overrides });
}

/**
 * A scenario of `nations`, each with one firm `firm-<id>` and its suppliers unless listed in `withoutFirm`.
 */
export function scenarioOf(
  nations: readonly NationSpec[],
  overrides: Partial<Scenario> & { withoutFirm?: readonly string[] } = {},
): Scenario {
  const { withoutFirm = [], ...rest } = overrides;
  const makers = nations.filter((n) => !withoutFirm.includes(n.id)).map((n) => n.id);
  return smallScenario({
    nations: [...nations],
    firms: makers.map((id) => firm(`firm-${id}`, id)),
    suppliers: makers.flatMap((id) => suppliersFor(id)),
    ...rest,
  });
}
