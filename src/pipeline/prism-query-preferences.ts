import { meantPreference } from './misspelt-preference.js';

/** The preferences Prism also reads from the query, each under its name with `__` before it. */
const PRISM_QUERY_PREFERENCES = ['code', 'example', 'dynamic', 'seed'] as const;
/** The sandbox's preferences that only the `Prefer` header states (Prism has no query form of them). */
const HEADER_ONLY_PREFERENCES = ['scenario', 'latency', 'fault', 'explain'] as const;

export type PrismQueryPreference = (typeof PRISM_QUERY_PREFERENCES)[number];

/**
 * The preferences a query string states in Prism's query form (`__code=500&__example=documented`), in Prism's order:
 * the first value of a name given twice, as Prism takes it. Other parameters are the operation's, and not read here.
 *
 * @example
 * readPrismQueryPreferences('userId=u1&__code=404') // [['code', '404']]
 */
export function readPrismQueryPreferences(query: string): Array<[PrismQueryPreference, string]> {
  const params = new URLSearchParams(query);
  const stated: Array<[PrismQueryPreference, string]> = [];
  for (const key of PRISM_QUERY_PREFERENCES) {
    const value = params.get(`__${key}`);
    if (value !== null) stated.push([key, value]);
  }
  return stated;
}

/**
 * Why each `__` parameter of the query that is no query form was ignored: a misspelt one (`__codee`, `__status`), or
 * one of the sandbox's preferences that only the `Prefer` header states (`__scenario`). Such a request got the normal
 * answer without a word, while the same slip in `Prefer` is named in `x-mock-prefer-ignored` (a QA tour). Other `__`
 * names are left alone: they may be the API's own.
 *
 * @example
 * toIgnoredPrismQueryNotes('__codee=500&userId=u1') // ['?__codee (did you mean ?__code?)']
 * toIgnoredPrismQueryNotes('__scenario=lockout') // ['?__scenario (no query form: send Prefer: scenario=...)']
 */
export function toIgnoredPrismQueryNotes(query: string): string[] {
  const notes: string[] = [];
  for (const key of new URLSearchParams(query).keys()) {
    if (!key.startsWith('__')) continue;
    const name = key.slice(2).toLowerCase();
    if ((PRISM_QUERY_PREFERENCES as readonly string[]).includes(key.slice(2))) continue;
    if ((HEADER_ONLY_PREFERENCES as readonly string[]).includes(name)) notes.push(`?${key} (no query form: send Prefer: ${name}=...)`);
    else {
      const meant = /^[a-z0-9._-]{1,40}$/.test(name) ? meantPreference(name, [...PRISM_QUERY_PREFERENCES, ...HEADER_ONLY_PREFERENCES]) : undefined;
      if (meant === undefined) continue;
      const written = (PRISM_QUERY_PREFERENCES as readonly string[]).includes(meant) ? `?__${meant}` : `Prefer: ${meant}=...`;
      notes.push(`?${key} (did you mean ${written}?)`);
    }
  }
  return notes;
}
