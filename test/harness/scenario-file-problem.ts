import { parseScenarioFile } from '../../src/scenarios/load-scenarios.js';
import type { ScenarioError } from '../../src/scenarios/scenario-problems.js';

/** The problem parseScenarioFile throws for a text, as the file `/me/flashback/t.yaml`; throws when there is none. */
export function scenarioFileProblemOf(text: string): ScenarioError {
  try {
    parseScenarioFile('/me/flashback/t.yaml', text);
  } catch (error) {
    return error as ScenarioError;
  }
  throw new Error('parsed without a problem');
}
