/**
 * What bad input looks like: two mistakes in a copy of the one-nation scenario, reported together, each
 * with the field's path, what is wrong and how to fix it. Run: npx tsx docs/guides/snippets/validation-errors.ts
 */
import { type Scenario, ScenarioError, validateScenario } from 'dibsim';
import { scenario } from './one-nation.js';

const broken = structuredClone(scenario) as unknown as { firms: Record<string, unknown>[] };
broken.firms[0]!.learningRte = 0.1; // a typo: the real field is learningRate
delete broken.firms[0]!.learningRate;
broken.firms[0]!.unitCostEur = -2_200; // out of range: a cost must be > 0

try {
  validateScenario(broken as unknown as Scenario, 'one-nation (edited)');
} catch (error) {
  if (!(error instanceof ScenarioError)) throw error;
  console.log(error.message); // one line per issue
  console.log(error.issues.map((issue) => issue.path)); // the same issues as data: { path, message, fix }
}

// References between entities are checked once the structure is valid, again all at once.
const dangling = structuredClone(scenario) as unknown as { firms: { inputs: unknown[] }[] };
dangling.firms[0]!.inputs = [{ component: 'tnt', supplier: 'tnt-wrks' }];
try {
  validateScenario(dangling as unknown as Scenario);
} catch (error) {
  if (!(error instanceof ScenarioError)) throw error;
  console.log(error.message);
}
