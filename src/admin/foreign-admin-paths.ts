/**
 * Where a WireMock habit lives here: the admin paths a team coming from WireMock calls first, each with the sandbox's
 * way to do the same (sessions make most of them per session). An unknown admin path that is one of them gets this as
 * the `hint` of its 404, so `GET /__admin/requests` says where the journal is instead of only "no route".
 */
const WIREMOCK_PATHS: ReadonlyArray<[RegExp, string]> = [
  [/^\/__admin\/requests\/(count|find)$/, "WireMock's request count is POST /__admin/sessions/{id}/journal/verify here (count, atLeast, atMost)"],
  [/^\/__admin\/requests(\/.*)?$/, "WireMock's request journal is per session here: GET /__admin/sessions/{id}/journal"],
  [/^\/__admin\/mappings(\/.*)?$/, "WireMock's stubs are per session overrides here: POST /__admin/sessions/{id}/overrides (checked against the spec)"],
  [
    /^\/__admin\/scenarios(\/.*)?$/,
    'scenarios are per session here: PUT /__admin/sessions/{id}/scenario, GET /__admin/scenarios lists them; POST /__admin/reset resets every session',
  ],
  [/^\/__admin\/session\//, 'sessions are under /__admin/sessions/{id} (plural)'],
];

/**
 * The sandbox's way to do what an unknown admin path does in WireMock, if it is one of those.
 *
 * @example
 * toForeignAdminHint('/__admin/requests') // "WireMock's request journal is per session here: GET /__admin/sessions/{id}/journal"
 * toForeignAdminHint('/__admin/nope') // undefined
 */
export function toForeignAdminHint(path: string): string | undefined {
  return WIREMOCK_PATHS.find(([pattern]) => pattern.test(path))?.[1];
}
