/**
 * Where a WireMock habit lives here: the admin calls a team coming from WireMock makes first, each with the sandbox's
 * way to do the same (sessions make most of them per session). An unknown admin path that is one of them gets this as
 * the `hint` of its 404, so `GET /__admin/requests` says where the journal is instead of only "no route".
 */
const WIREMOCK_CALLS: ReadonlyArray<[method: RegExp, path: RegExp, hint: string]> = [
  [/^POST$/, /^\/__admin\/requests\/count$/, "WireMock's request count is POST /__admin/sessions/{id}/journal/verify here (count, atLeast, atMost)"],
  [
    /^POST$/,
    /^\/__admin\/requests\/find$/,
    'finding requests is GET /__admin/sessions/{id}/journal here, with filters (operationId, status, surface, since ...)',
  ],
  [/^GET$/, /^\/__admin\/requests\/unmatched$/, 'requests that matched no route are not journalled here: each one was answered 404 with its nearMisses'],
  [
    /^(DELETE|POST)$/,
    /^\/__admin\/requests(\/reset)?$/,
    "a session's requests are cleared with DELETE /__admin/sessions/{id}/journal (its state and overrides stay); DELETE /__admin/sessions/{id} forgets the whole session, POST /__admin/reset every session",
  ],
  [/^GET$/, /^\/__admin\/requests(\/.*)?$/, "WireMock's request journal is per session here: GET /__admin/sessions/{id}/journal"],
  [/^GET$/, /^\/__admin\/mappings(\/.*)?$/, "WireMock's stubs are per session overrides here: GET /__admin/sessions/{id}/overrides"],
  [/^DELETE$/, /^\/__admin\/mappings\/[^/]+$/, 'an override is removed with DELETE /__admin/sessions/{id}/overrides/{overrideId}'],
  [/^DELETE$/, /^\/__admin\/mappings$/, "a session's overrides are cleared with DELETE /__admin/sessions/{id}/overrides"],
  [/^POST$/, /^\/__admin\/mappings\/reset$/, "a session's overrides are cleared with DELETE /__admin/sessions/{id}/overrides"],
  [
    /^POST$/,
    /^\/__admin\/mappings(\/.*)?$/,
    "WireMock's stubs are per session overrides here: POST /__admin/sessions/{id}/overrides (checked against the spec)",
  ],
  [
    /^.*$/,
    /^\/__admin\/scenarios(\/.*)?$/,
    'scenarios are per session here: PUT /__admin/sessions/{id}/scenario, GET /__admin/scenarios lists them; POST /__admin/reset resets every session',
  ],
  [/^.*$/, /^\/__admin\/session\//, 'sessions are under /__admin/sessions/{id} (plural)'],
  // Not WireMock's, but the same habit: POST /__admin/reset resets every session, so one session's reset looks alike.
  [/^POST$/, /^\/__admin\/sessions\/[^/]+\/reset$/, 'a session is reset by deleting it: DELETE /__admin/sessions/{id} (its next request starts it afresh)'],
];

/**
 * The sandbox's way to do what an unknown admin call does in WireMock, if it is one of those.
 *
 * @example
 * toForeignAdminHint('GET', '/__admin/requests') // "WireMock's request journal is per session here: GET /__admin/sessions/{id}/journal"
 * toForeignAdminHint('GET', '/__admin/nope') // undefined
 */
export function toForeignAdminHint(method: string, path: string): string | undefined {
  return WIREMOCK_CALLS.find(([methods, pattern]) => methods.test(method) && pattern.test(path))?.[2];
}
