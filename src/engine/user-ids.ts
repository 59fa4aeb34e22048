import type { GeneratedIdFormat } from './generated-users.js';

/**
 * A vendor's rule for its user ids, where it holds them to a shape: Lerian's are UUIDs, kept in a PostgreSQL `uuid`
 * column, so `019C96A0-...` and `019c96a0-...` name one user and the service prints it in lower case. A world files each
 * user under the stored spelling, and every id a request, QA or a scenario names is read in that spelling, so the
 * vendor routes, the admin API and the QA helpers find the same user whatever case the id came in.
 */
export interface UserIdRule {
  /** What the ids are, in words for messages: `a UUID`. */
  readonly shape: string;
  /** Why an id of another shape is a mistake in a scenario, for its message. */
  readonly why: string;
  /** The formats of generated users (`generate.idFormat`) whose ids have the shape. */
  readonly generatedIdFormats: readonly GeneratedIdFormat[];
  /** The id as the vendor stores it; undefined for an id not of the shape (it names no user of the vendor). */
  toStored(id: string): string | undefined;
}

/** The rules of the surfaces that have one, by surface id. */
export type UserIdRules = ReadonlyMap<string, UserIdRule>;

/** The key a world of `surface` files the user `id` names under; see UserIdRule. */
export type UserKey = (surface: string, id: string) => string;

/** For callers that know no rules: every id is its own key. */
export const idAsGiven: UserKey = (_surface, id) => id;

/**
 * The key the worlds of `surface` file the user `id` names under: its stored spelling under the surface's rule, or `id`
 * as it came (a surface without a rule, or an id not of the rule's shape, which then finds no user).
 *
 * @example
 * toUserKey(rules, 'lerian', '019C96A0-0C21-71F9-A487-66A1258278A1') // '019c96a0-0c21-71f9-a487-66a1258278a1'
 * toUserKey(rules, 'flashback', 'usr_ada') // 'usr_ada'
 */
export function toUserKey(rules: UserIdRules, surface: string, id: string): string {
  return rules.get(surface)?.toStored(id) ?? id;
}
