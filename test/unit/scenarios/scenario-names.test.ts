import { describe, expect, it } from 'vitest';
import { toScenarioNameProblem } from '../../../src/scenarios/scenario-names.js';

describe('toScenarioNameProblem', () => {
  it('takes a kebab-case name, and names the kebab-case name meant for another', () => {
    expect(toScenarioNameProblem('bob-locked')).toBeUndefined();
    expect(toScenarioNameProblem('Bob_Locked', '.yaml')).toBe('scenario names are kebab-case (got "Bob_Locked"; rename it bob-locked.yaml)');
    expect(toScenarioNameProblem('orgEnforced')).toBe('scenario names are kebab-case (got "orgEnforced"; rename it org-enforced)');
  });

  it('takes the accents off a letter instead of dropping it (café was told caf.yaml, a tour)', () => {
    expect(toScenarioNameProblem('café', '.yaml')).toBe('scenario names are kebab-case (got "café"; rename it cafe.yaml)');
    expect(toScenarioNameProblem('Müller Ümlaut')).toBe('scenario names are kebab-case (got "Müller Ümlaut"; rename it muller-umlaut)');
    // No letter a name can be made of: only the rule.
    expect(toScenarioNameProblem('日本')).toBe('scenario names are kebab-case (got "日本")');
  });
});
