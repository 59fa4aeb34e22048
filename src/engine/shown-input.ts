/** Longer than any name or id the sandbox knows (ids are at most 128 characters, scenario names far shorter). */
const SHOWN_CHARACTERS = 200;

/**
 * A refused name or id as a fault shows it: whole, or its start and how long it was, so a 100,000-character scenario
 * name (a script's runaway variable) is not echoed back whole, twice, in a 200 KB answer.
 *
 * @example
 * toShownInput('org-enforsed')     // 'org-enforsed'
 * toShownInput('s'.repeat(10_000)) // 'sss...s... (10000 characters)', 200 of them shown
 */
export function toShownInput(value: string): string {
  return value.length <= SHOWN_CHARACTERS ? value : `${value.slice(0, SHOWN_CHARACTERS)}... (${value.length} characters)`;
}
