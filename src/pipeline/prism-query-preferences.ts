/** The preferences Prism also reads from the query, each under its name with `__` before it. */
const PRISM_QUERY_PREFERENCES = ['code', 'example', 'dynamic', 'seed'] as const;

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
