/** Scenario names are kebab-case, as file names are: they go into URLs (`/s/<id>/scenario/<name>/`) and headers. */
export const SCENARIO_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The problem with a scenario name that is not kebab-case, with the name meant where one can be made of it: a scenario
 * author named a file `Bob_Locked.yaml` and was told only the rule.
 *
 * @example
 * toScenarioNameProblem('Bob_Locked', '.yaml') // 'scenario names are kebab-case (got "Bob_Locked"; rename it bob-locked.yaml)'
 * toScenarioNameProblem('Café') // 'scenario names are kebab-case (got "Café"; rename it cafe)'
 * toScenarioNameProblem('bob-locked') // undefined
 */
export function toScenarioNameProblem(name: string, extension = ''): string | undefined {
  if (SCENARIO_NAME_PATTERN.test(name)) return undefined;
  const kebab = name
    // Accents off (`café` is cafe, not caf): the letter with its marks split apart, the marks dropped.
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const meant = SCENARIO_NAME_PATTERN.test(kebab) ? `; rename it ${kebab}${extension}` : '';
  return `scenario names are kebab-case (got "${name}"${meant})`;
}
