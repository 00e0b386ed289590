/** Helpers for validation tests: run validateScenario and look at the issues it reports. */
import { expect } from 'vitest';
import { ScenarioError, type ScenarioIssue } from '../../../src/errors.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { validateScenario } from '../../../src/model/validate.js';
import { type DeepMutable, minimalScenario } from './fixtures.js';

/** The issues `validateScenario(data)` reports; fails the test if it does not throw a ScenarioError. */
export function issuesOf(data: unknown): ScenarioIssue[] {
  try {
    validateScenario(data, 'test scenario');
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.issues];
    throw error;
  }
  throw new Error('expected validateScenario to throw a ScenarioError');
}

/** One rule's case: break the minimal scenario, then expect an issue at `path` whose message contains `names`. */
export interface RuleCase {
  /** What is broken, for the test title. */
  readonly title: string;
  /** Breaks a fresh minimal scenario in place (or returns replacement data). */
  readonly mutate: (s: DeepMutable<Scenario>) => unknown;
  /** The issue's expected path. */
  readonly path: string;
  /** Fragments the message must contain: the offending value, at least. */
  readonly names: readonly string[];
  /** Expected number of issues in total, when the break causes exactly this one problem. */
  readonly count?: number;
}

/** Applies `c` and checks the issue at its path. */
export function expectRule(c: RuleCase): ScenarioIssue {
  const s = minimalScenario();
  const data = c.mutate(s) ?? s;
  const issues = issuesOf(data);
  const issue = issues.find((i) => i.path === c.path);
  expect(issue, `no issue at ${c.path}; got ${JSON.stringify(issues, null, 2)}`).toBeDefined();
  for (const fragment of c.names) expect(issue!.message).toContain(fragment);
  expect(issue!.fix.trim().length).toBeGreaterThan(10);
  if (c.count !== undefined) expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(c.count);
  return issue!;
}
