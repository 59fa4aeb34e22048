/**
 * Types of the admin API (/__admin), generated from specs/sandbox/admin.openapi.yaml by openapi-typescript.
 * Do not edit: run `npm run generate:types`.
 */

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where everything is (the start banner names /__admin) */
        get: operations["getAdminIndex"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API's own OpenAPI 3.1 contract (this document, as written) */
        get: operations["getAdminSpec"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API's own OpenAPI 3.1 contract as JSON (the same document), for a client generator */
        get: operations["getAdminSpecJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (state store included), surfaces and session count */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness for load balancers and probes that cannot send the admin token
         * @description Whether this replica can serve (its state store answers, within 2 s), and nothing else: no version, surfaces or session count. Open to every client, without the admin token and off this machine too, for a load balancer's health check that cannot send a header (an AWS ALB's) or a probe on another host; `/health` is the full answer, behind the admin API's guard.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/surfaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Surfaces served, with prefix, spec URL and scenarios */
        get: operations["listSurfaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scenarios per surface */
        get: operations["listScenarios"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scenarios/{surface}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                surface: components["schemas"]["SurfaceId"];
                name: string;
            };
            cookie?: never;
        };
        /**
         * One scenario's scripted answers, named as the journal names them
         * @description The scenario as this sandbox serves it (a file of a later scenarios directory replaces a shipped one of the same name): its overrides in file order, each with the `name` a journal entry's `override` and `overrideMisses` use (`bob-fails#/overrides/1`), so QA can read the `when` a request missed without opening the file. A session's runtime overrides, which are tried before these, are at `/sessions/{id}/overrides`.
         */
        get: operations["getScenario"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forget every session */
        post: operations["resetAllSessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Known sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * A session's scenarios and full state
         * @description Any valid id names a session: one never used before is created by this read, in the server's default scenario. The answer holds the session's current world of every surface (built now where the session has not called the surface yet, exactly as its next vendor request would), plus the worlds `Prefer: scenario=...` requests made.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** Forget a session (its next request starts from the default scenario) */
        delete: operations["resetSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/scenario": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Switch a session to a scenario and start it fresh
         * @description Without `surface`, every surface that has a scenario of that name switches. The switched surfaces start from the scenario's world; what QA set on the session itself stays: its overrides, clock and dynamic seed (remove them with their own routes, or forget the session with DELETE /sessions/{id}).
         */
        put: operations["setSessionScenario"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/journal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The session's last requests (oldest first), optionally filtered
         * @description Every filter given must match. A malformed value, a filter given twice, an unknown query parameter, `since` after `until`, or a surface, operationId or scenario that nothing served has is a 400 (MOCK_ERR_BAD_ADMIN_REQUEST) naming it in `pointer`.
         */
        get: operations["getJournal"];
        put?: never;
        post?: never;
        /**
         * Empty the session's journal, keeping its state (idempotent)
         * @description The requests journalled so far are forgotten; the session's scenario, users, codes, overrides and clock stay. Later requests are numbered after the cleared ones (an event stream goes on), and the session's revision grows, so an open console shows the empty journal. A session that does not exist is not made.
         */
        delete: operations["clearJournal"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/journal/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assert call counts on the session's journal (one expectation or a list)
         * @description Each expectation counts the journal entries its filters keep (`operationId`, `surface`, `status`, `scenario`, `since`, `until`, `method`, `path`, `requestBody`, `sandboxError`, `user`, `fault`; none given counts every entry; `status` is what the client got, so it never keeps an entry with `clientGone` (but a `slow-body` one) or a dropped or reset connection, and it counts the sandbox's own faults too unless `sandboxError: false` is given) and holds when the count is exactly `count`, or at least `atLeast` and/or at most `atMost`. 200 when all hold; 409 (MOCK_ERR_VERIFICATION_FAILED) listing each broken one with its actual count and the entries it counted (the newest 10; `entriesOmitted` says how many older ones it counted too). A malformed expectation, one whose filters name a surface, operationId or scenario nothing served has, or more than 100 expectations in one request, is a 400 naming its `pointer`. A session the sandbox does not hold is a 404 (MOCK_ERR_UNKNOWN_SESSION), which makes no session.
         */
        post: operations["verifyJournal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /** The session's runtime overrides (oldest first), used-up ones included */
        get: operations["listSessionOverrides"];
        put?: never;
        /**
         * Script an answer for one operation (or every operation, `*`) of one surface, on this session only
         * @description The same shape as a scenario file's `overrides` entry, plus `surface`, `times` and `after`, checked against the surface's spec as scenario files are at boot: unknown surface or operation, a status or example the operation does not declare, a body its response schema refuses, or bad latency, fault, times or after is a 422 (MOCK_ERR_INVALID_OVERRIDE) whose `problems` give the JSON pointer into the posted body and the reason; nothing is stored then, nor when the session already holds 100 overrides that are not used up (a 422 at the pointer "", saying to remove some or give them `times`). The session is created if it does not exist yet.
         */
        post: operations["addSessionOverride"];
        /** Remove every runtime override of the session (idempotent) */
        delete: operations["clearSessionOverrides"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/overrides/{overrideId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                overrideId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one runtime override */
        delete: operations["removeSessionOverride"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/outbox": {
        parameters: {
            query?: {
                /** @description Messages this surface sent. */
                surface?: components["parameters"]["OutboxSurface"];
                /** @description Messages to this user (the vendor's user id). */
                userId?: components["parameters"]["OutboxUserId"];
                /**
                 * @description The recipient, an e-mail address or a phone number (case does not matter).
                 * @example ada@example.com
                 */
                to?: components["parameters"]["OutboxTo"];
                channel?: components["parameters"]["OutboxChannel"];
                /**
                 * @description A part of the subject (case does not matter).
                 * @example magic link
                 */
                subject?: components["parameters"]["OutboxSubject"];
                /** @description Messages that carry a one-time code, or a link. */
                contains?: components["parameters"]["OutboxContains"];
                /** @description A cursor (a message's `seq`, or `x-mock-outbox-cursor`); only messages numbered after it. */
                after?: components["parameters"]["OutboxAfter"];
                /** @description Keep the latest N of the messages the criteria kept (at most 100000). */
                limit?: string;
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Emails and SMS the session's surfaces sent (magic links, one-time codes), searched by recipient, subject and more
         * @description Every criterion given must hold. A bad or unknown query parameter is a 400 naming it. The answer's `x-mock-outbox-cursor` header is the `seq` of the session's latest message (0 before any), whatever the criteria kept: a wait (`outbox/next?after=`) or a stream (`events?after=`) started from it sees only what is sent from then on.
         */
        get: operations["getOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/outbox/next": {
        parameters: {
            query?: {
                /** @description Messages this surface sent. */
                surface?: components["parameters"]["OutboxSurface"];
                /** @description Messages to this user (the vendor's user id). */
                userId?: components["parameters"]["OutboxUserId"];
                /**
                 * @description The recipient, an e-mail address or a phone number (case does not matter).
                 * @example ada@example.com
                 */
                to?: components["parameters"]["OutboxTo"];
                channel?: components["parameters"]["OutboxChannel"];
                /**
                 * @description A part of the subject (case does not matter).
                 * @example magic link
                 */
                subject?: components["parameters"]["OutboxSubject"];
                /** @description Messages that carry a one-time code, or a link. */
                contains?: components["parameters"]["OutboxContains"];
                /** @description A cursor (a message's `seq`, or `x-mock-outbox-cursor`); only messages numbered after it. */
                after?: components["parameters"]["OutboxAfter"];
                /** @description How long to wait, 0 to 60000 ms (default 10000; 0 looks once). */
                timeoutMs?: string;
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Wait for the next message that meets the criteria (long-poll)
         * @description Answers at once when such a message is there, else as soon as one is sent (by a vendor request on any replica sharing the state store), else 204 after `timeoutMs`. Which message is next: with `after` (a cursor: a message's `seq`, or the outbox's `x-mock-outbox-cursor`), the first matching message numbered after it, returned before or not. Without `after`, the oldest matching message no wait has returned yet, so successive waits return successive messages, never one twice, and a message sent just before the wait began is still found. Either way the message is then marked `waited: true`: a later wait without `after` does not return it again. A client that disconnects releases its wait at once. A HEAD waits for nothing and marks nothing: 200 (the cursor header naming the message) when a GET would get one at once, else 204.
         */
        get: operations["waitForOutboxMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/events": {
        parameters: {
            query?: {
                /** @description Send the outbox messages numbered after this cursor first (journal entries from now on); without it (and without Last-Event-ID), only what happens from now on. */
                after?: string;
            };
            header?: {
                /** @description Sent by a browser's EventSource when it reconnects: the id of the last event it saw, `<outbox seq>:<journal number>:<revision>`; the stream resumes after all three. Wins over `after`. Without the revision (`<outbox seq>:<journal number>`) it starts with a `session` event; a bare number resumes the outbox only; anything else is ignored (only what happens from now on). */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The session's new outbox messages, journal entries and changes, as server-sent events (the QA console's live view)
         * @description A `text/event-stream` that stays open until the client leaves:
         *     - `event: ready`, once: `{"session": "<id>", "cursor": <the outbox cursor>}` (schema `SessionEventReady`);
         *     - `event: outbox`, per message sent: the message as the outbox lists it (schema `OutboxMessage`);
         *     - `event: journal`, per request journalled: the entry as the journal lists it (schema `JournalEntry`);
         *     - `event: session`, when QA changed the session (a scenario switch, an override, its clock or seed, a user's
         *       lock, an imported passkey or session file: through the admin API, the console or the programmatic API) or
         *       reset it: `{"session": "<id>", "revision": <n>, "reset": false}` (schema `SessionEventChanged`); read the
         *       session again to see what changed. A session is told reset once: a request that makes it again afterwards
         *       is a change (`reset: false`), and a later reset of every session tells nothing of a session already gone;
         *     - a `: heartbeat` comment every 15 s.
         *     Every event's `id:` is the stream's position after it, `<outbox seq>:<journal number>:<revision>` (e.g.
         *     `2:17:3`), so a reconnecting EventSource sends `Last-Event-ID` and receives what it missed: the outbox
         *     messages, the journal entries, and one `session` event if the session changed meanwhile. Journal numbers grow
         *     along the session's journal (also across a reset or an expiry that makes the session anew) but not always by
         *     one; the revision grows by one with each change QA makes to the session and starts at a random number when
         *     the session is made (also anew, after a reset or an expiry), so compare it for equality only.
         *     Events come from every replica sharing the state store (those of other replicas within about 200 ms; a reset
         *     made through another replica shows only if the session's revision differs afterwards).
         */
        get: operations["streamSessionEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/totp-codes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The current code of every TOTP secret in the session, enrolled or still being set up
         * @description What an authenticator app that scanned each secret shows now: every enrolled (verified) TOTP factor and every TOTP setup started and not yet verified (Flashback `POST /mfa/setup` with `GOOGLE_AUTH`, nest-auth `POST /auth/mfa/setup/totp`, Lerian `POST /v1/users/{id}/mfa` with `totp`), so the code to verify a setup with can be read here. Includes the current world of every surface, even one the session has not called yet.
         */
        get: operations["getTotpCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The session's passkeys in Playwright's credentials shape, to seed a browser's virtual authenticator
         * @description Every passkey of the session's current worlds that the sandbox holds a private key for (a scenario's passkey
         *     declared with a `privateKey`, or one imported below), as Playwright's `browserContext.credentials.get()`
         *     returns credentials and `credentials.create(rpId, credential)` takes them: pass each item to
         *     `context.credentials.create(passkey.rpId, passkey)`, call `context.credentials.install()`, and a page's
         *     `navigator.credentials.get()` signs the surface's challenge with it; the sandbox verifies the assertion.
         *     The page must be served from a host equal to `rpId` (`localhost`: a secure context on any port).
         */
        get: operations["exportPasskeys"];
        put?: never;
        /**
         * Put a passkey a browser holds (Playwright's credentials.get()) into a user's world
         * @description The credential goes into the session's current world of the surface whose relying party id is its `rpId`
         *     (or of `surface`), for `user`, else for the user its `userHandle` names (a sandbox ceremony makes the user
         *     handle from the user id's UTF-8 bytes). The user's passkey factor becomes this credential (verified and
         *     enabled), as a registration through the vendor does; a credential id the user already has keeps its factor and
         *     takes the browser's `signCount` and keys. From then on the surface verifies the browser's assertions with it,
         *     and, when a `privateKey` came with it, GET lists it for another browser context.
         */
        post: operations["importPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/provider-states": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pact's providerStatesSetupUrl: set up a provider state of the next interaction in this session
         * @description For a team that verifies pacts with Pact's own Verifier against a running sandbox (a Pact Broker, consumer
         *     version selectors, published results) rather than `mfa-sandbox verify`: give the Verifier
         *     `providerBaseUrl: <sandbox>/s/<id>/<surface>` and `providerStatesSetupUrl: <sandbox>/__admin/sessions/<id>/provider-states?surface=<surface>`.
         *     The Verifier POSTs `setup` for each provider state of an interaction (an empty `state` for one without
         *     states), sends the interaction's request, then `teardown` for each state. The first setup of an interaction
         *     starts the session afresh (a session as new: the previous interaction's changes, journal and overrides gone);
         *     its states then set the scenario and check the world as `mfa-sandbox verify` does (the README's provider-state
         *     vocabulary), and the answer holds the values for `fromProviderState`. A teardown changes nothing, so the last
         *     interaction's journal can be read after a failure. An interaction's first setup is told from a further state
         *     of the same interaction by what came between: a teardown, or a request journalled in the session.
         */
        post: operations["changeProviderState"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/clock": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The session's time, and whether it is frozen or moved
         * @description A session QA never set a clock for runs on the sandbox's clock (`frozen` false, `offsetMs` 0).
         */
        get: operations["getSessionClock"];
        /**
         * Freeze or move one session's time
         * @description Every expiry and time check of the session's vendor requests uses its time: TOTP windows, one-time code and
         *     magic-link expiry, GenAuth's signature timestamp skew, the times new factors and tokens carry. Other sessions
         *     keep theirs. At most one of `at`, `offsetMs` and `advanceMs` moves the time; `frozen` then stops it where it
         *     landed (true) or lets it run on from there (false). Fields left out keep what the clock had, so
         *     `{"advanceMs": 30000}` on a frozen clock moves it one TOTP step and leaves it frozen.
         *     The request journal keeps the sandbox's own time (when a request arrived), so journal filters by time still
         *     match real time.
         */
        put: operations["setSessionClock"];
        post?: never;
        /** Put the session back on the sandbox's clock */
        delete: operations["resetSessionClock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/seed": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The seed of the session's dynamic answers
         * @description `null` when none is set: each `Prefer: dynamic=true` answer then takes a fresh seed (sent back in `x-mock-dynamic-seed`).
         */
        get: operations["getSessionSeed"];
        /**
         * Seed the session's dynamic answers, so generated bodies repeat
         * @description A request with `Prefer: dynamic=true` answers with a body json-schema-faker generates from the response schema
         *     of the status it gets, with the facts of the session's state kept. With a seed set here, the same request
         *     (operation, status, path parameters and query) gets the same body every time; another seed, another body. A
         *     request's own `Prefer: seed=<n>` wins over it. The session's random delays (`latency` ranges) and fault rates
         *     draw from it too, in request order, starting over each time it is set: the same requests meet the same delays
         *     and the same broken or dropped answers.
         */
        put: operations["setSessionSeed"];
        post?: never;
        /** Let each dynamic answer of the session take a fresh seed again */
        delete: operations["clearSessionSeed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * The session as a file, to attach to a ticket and replay in another sandbox
         * @description Its scenario choice, the current world of every surface (built now if the session has not used it yet, as a read does), runtime overrides and clock. Sent as a download (`content-disposition: attachment`).
         */
        get: operations["exportSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a session with a session file's state
         * @description The session (created if new) takes the file's scenario choice, worlds, overrides and clock; its id is the path's, whatever id the file was exported from. A file that is not a session file, or names a surface or scenario this sandbox lacks, is a 422 `MOCK_ERR_INVALID_SESSION_FILE` whose `problems` give the JSON pointer into the file and the reason; nothing changes then. A world holding more than a session keeps (an older export, a file written by hand) keeps the newest of each list as it lands, as its next request would: 1,000 outbox messages, magic links, sent codes, sign-in tokens of each kind, trusted devices and nest-auth sessions, 100 passkey challenges and 1,000 GenAuth signatures seen (a token that falls out is then refused). `mfa-sandbox serve --session-file <file>` imports at start.
         */
        post: operations["importSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/magic-links/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                token: string;
            };
            cookie?: never;
        };
        /**
         * Follow a magic link (activates it, as the vendor's own page would)
         * @description Open to every client, whatever `--admin-access` says: a browser opens the link from wherever its user reads the e-mail (the host of a sandbox in a container, a phone), and the link's single-use token is the credential.
         */
        get: operations["followMagicLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/magic-links/{token}/expire": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                token: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Expire a magic link now */
        post: operations["expireMagicLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}/users/{userId}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                /** @description The user id as the scenario names it; a Lerian id (a UUID) in any letter case. */
                userId: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Lock or unlock a user, so the vendor's "account locked" answer can be reproduced now
         * @description Sets the lock in the session's current world of each surface (or of `surface` only) and in every other world
         *     the session already has. A locked user gets each vendor's lockout answer: Flashback 403 `Account locked`,
         *     nest-auth 401 `ACCOUNT_INACTIVE`, Lerian 403 `IDE-1015`, GenAuth `statusCode 403, apiCode 2005`. For Lerian and
         *     GenAuth the user is the one a request addresses (path id, `userId`), not the caller. The same answers are
         *     given to a user a scenario's `lockout: { afterFailedAttempts: N }` locked after N wrong codes; unlocking
         *     (`locked: false`) also clears the user's count of wrong codes. A user none of those worlds has is a 404
         *     (MOCK_ERR_UNKNOWN_USER).
         */
        put: operations["setUserLocked"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @constant */
            status: "ok";
            /** @description The mfa-sandbox release this replica runs (its package version), to follow a rolling upgrade. */
            version: string;
            surfaces: components["schemas"]["SurfaceId"][];
            sessions: number;
            /**
             * @description Where sessions live (`--state`); with `postgres`, the answer is 503 while the database cannot be reached.
             * @enum {string}
             */
            state: "memory" | "postgres";
            uptimeSeconds: number;
        };
        SurfaceInfo: {
            id: components["schemas"]["SurfaceId"];
            title: string;
            version: string;
            /** @description URL prefix; `/` when one surface is served at the root */
            prefix: string;
            spec: string;
            scenarios: string[];
            /** @description Every operation of the surface with the statuses and named examples its spec declares: what a runtime override (`POST /sessions/{id}/overrides`) or `Prefer: code/example` can ask for. */
            operations: {
                operationId: string;
                method: string;
                path: string;
                responses: {
                    status: number;
                    examples: string[];
                    /** @description Each named example's summary in the vendor spec, where it gives one (`Error1016` is "Phone Number Not Found"). */
                    summaries?: {
                        [key: string]: string;
                    };
                }[];
            }[];
        };
        ScenarioSummary: {
            name: string;
            description: string;
            /** @description Number of scripted answers */
            overrides: number;
        };
        ScenarioDetail: {
            surface: components["schemas"]["SurfaceId"];
            name: string;
            description: string;
            overrides: components["schemas"]["ScenarioOverride"][];
        };
        ScenarioOverride: components["schemas"]["SessionOverrideFields"] & {
            /**
             * @description How the journal names it: `<scenario>#/overrides/<index>`, its place in the file.
             * @example bob-fails#/overrides/1
             */
            name: string;
        };
        SessionSummary: {
            id: components["schemas"]["SessionId"];
            /** Format: date-time */
            createdAt: string;
            scenarios: components["schemas"]["ScenarioChoice"];
            /** @description Requests in the session's journal, which keeps the newest `--journal-size` (100 by default). */
            requests: number;
        };
        SessionDetail: {
            id: components["schemas"]["SessionId"];
            /** Format: date-time */
            createdAt: string;
            defaultScenario: string;
            scenarios: components["schemas"]["ScenarioChoice"];
            worlds: {
                [key: string]: Record<string, never>;
            };
        };
        TotpCode: {
            surface: components["schemas"]["SurfaceId"];
            scenario: string;
            userId: string;
            /**
             * @description `enrolled`: a verified factor the user signs in with. `pending`: a setup waiting for its first code (send this code to the surface's verify-setup operation).
             * @enum {string}
             */
            status: "enrolled" | "pending";
            /** @description The factor's id; absent for a setup that is not a factor yet (Flashback, Lerian). */
            factorId?: string;
            name: string;
            code: string;
            validForSeconds: number;
            /** @description This step's code was already accepted for the secret: sent again, it is refused as a replay (as the vendors refuse it). The next step's code is accepted at once (every surface's drift window takes the next step); a refusal with `Prefer: explain` names it. */
            used: boolean;
        };
        /** @enum {string} */
        SurfaceId: "flashback" | "nest-auth" | "lerian" | "genauth";
        /**
         * @description A fault the sandbox injects into the delivery of an answer (README, Fault injection).
         * @enum {string}
         */
        InjectedFault: "drop-connection" | "connection-reset" | "malformed-body" | "truncated-body" | "closed-mid-body" | "bad-gateway" | "service-unavailable" | "gateway-timeout" | "slow-body";
        /**
         * @description A vendor request chooses its session, strongest first, by:
         *     1. the URL prefix `/s/<id>/` in front of the surface's base URL (`http://localhost:4010/s/qa-1/flashback/...`,
         *        or `http://localhost:4010/s/qa-1/...` in front of a single surface served at `/`); `/s/<id>/scenario/<name>/`
         *        also chooses the scenario of the request;
         *     2. the `X-Mock-Session: <id>` header;
         *     3. the entry `mock-session=<id>` of a W3C `baggage` header (`baggage: mock-session=qa-1,mock-scenario=org-enforced`),
         *        so a test id an app propagates through its own backend reaches the sandbox;
         *     4. the cookie `mfa-sandbox-session=<id>` (or `<id>/<scenario>`), which the sandbox sets on every answer to a
         *        prefixed URL (and the QA console when it opens a session);
         *     5. else the session `default`.
         *     The scenario likewise: the URL's `/scenario/<name>/`, `Prefer: scenario=<name>`, the baggage's `mock-scenario`,
         *     the cookie's scenario, else the session's own (`PUT /sessions/{id}/scenario`). A malformed id from any of them is
         *     a 400 `MOCK_ERR_BAD_SESSION_ID`; an unknown scenario a 422 `MOCK_ERR_UNKNOWN_SCENARIO`, except the cookie's: a
         *     cookie is sent by every request of a browser, so a scenario it names that the surface lacks is left out (the
         *     session's own applies) and `x-mock-header-ignored` says so.
         */
        SessionId: string;
        /** @description Scenario chosen per surface; surfaces not listed use the server default. */
        ScenarioChoice: {
            [key: string]: string;
        };
        /**
         * @description One session as a file (`GET /sessions/{id}/export`): its scenario choice, its worlds (users, factors and
         *     secrets, outbox, codes, tokens), its runtime overrides, its clock and the seed of its dynamic answers. Imported into another sandbox
         *     (`POST /sessions/{id}/import`, `serve --session-file`), it answers as the original did: a bug QA reproduced
         *     can be attached to a ticket and replayed by a developer.
         */
        SessionFile: {
            /** @constant */
            format: "mfa-sandbox-session";
            /** @constant */
            version: 1;
            /** Format: date-time */
            exportedAt?: string;
            session: {
                id: components["schemas"]["SessionId"];
                scenarios: components["schemas"]["ScenarioChoice"];
                /** @description By `<surface>/<scenario>`. */
                worlds: {
                    [key: string]: components["schemas"]["World"];
                };
                clock?: components["schemas"]["SessionClockState"];
                overrides?: components["schemas"]["SessionOverride"][];
                /** @description How many overrides the session ever added (ids are never reused). */
                overridesAdded?: number;
                /** @description The seed of the session's dynamic answers (PUT /sessions/{id}/seed), so a replay generates the same bodies. */
                seed?: number;
            };
        };
        SessionClockState: {
            offsetMs: number;
            frozenAtMs?: number;
        };
        /** @enum {string} */
        FactorKind: "totp" | "email" | "sms" | "magic_link" | "passkey" | "face";
        /** @description The state one session sees for one surface and scenario (src/engine/world.ts). */
        World: {
            surface: components["schemas"]["SurfaceId"];
            scenario: string;
            org: null | {
                id: string;
                name: string;
                mfaEnforced: boolean;
            };
            users: {
                [key: string]: components["schemas"]["WorldUser"];
            };
            tokens: {
                [key: string]: string;
            };
            mfaVerifiedTokens: string[];
            preMfaTokens: string[];
            /** @description Trusted-device tokens (nest-auth), each with its user and when it expires. */
            trustTokens: {
                [key: string]: {
                    userId: string;
                    /** Format: date-time */
                    expiresAt: string;
                };
            };
            /** @description nest-auth's sessions by id, each with its user, newest refresh token, expiry, whether its tokens are pre-MFA and whether it passed the MFA step (absent from sessions saved before they were kept). */
            signInSessions?: {
                [key: string]: {
                    userId: string;
                    refreshToken: string;
                    /** Format: date-time */
                    expiresAt: string;
                    preMfa: boolean;
                    mfaVerified: boolean;
                };
            };
            /** @description The scenario's own tokens a nest-auth logout or logout-all ended, each with its user: refused with SESSION_NOT_FOUND, as an access token of an ended session is (absent until one is ended; a reset brings them back). */
            signedOutTokens?: {
                [key: string]: string;
            };
            accessKeys: {
                [key: string]: string;
            };
            policy: {
                enabled: boolean;
                methods: components["schemas"]["FactorKind"][];
                allowUserToggle: boolean;
                allowMethodSelection: boolean;
                required: boolean;
                /** @description nest-auth's `appName` (the TOTP issuer and the default device name `<appName> : <email>`); absent, the library's default `Nest Auth`. */
                appName?: string;
                /** @description nest-auth's `mfa.totp.issuer`: the TOTP issuer when it is not the appName. */
                totpIssuer?: string;
                applications: {
                    [key: string]: {
                        enabledFactors: components["schemas"]["FactorKind"][];
                    };
                };
            };
            outbox: {
                id: string;
                /** @enum {string} */
                channel: "email" | "sms";
                userId: string;
                to: string;
                subject: string;
                text: string;
                link?: string;
                token?: string;
                code?: string;
                /** Format: date-time */
                sentAt: string;
                seq?: number;
                waited?: boolean;
                /** Format: date-time */
                usedAt?: string;
            }[];
            magicLinks: {
                [key: string]: {
                    token: string;
                    userId: string;
                    /** Format: date-time */
                    expiresAt: string;
                    used: boolean;
                };
            };
            sentCodes: {
                userId: string;
                kind: components["schemas"]["FactorKind"];
                code: string;
                /** Format: date-time */
                expiresAt: string;
                used: boolean;
                /** @description Wrong codes counted against this one (nest-auth). */
                attempts?: number;
            }[];
            challenges: string[];
            seenSignatures: string[];
        };
        /** @description One e-mail or SMS the session "sent", as the outbox lists it. */
        OutboxMessage: {
            id: string;
            /** @description Its place in the session's outbox (1, 2, ...): a cursor. */
            seq: number;
            surface: components["schemas"]["SurfaceId"];
            scenario: string;
            /** @enum {string} */
            channel: "email" | "sms";
            userId: string;
            to: string;
            subject: string;
            text: string;
            /** Format: uri */
            link?: string;
            token?: string;
            code?: string;
            /** Format: date-time */
            sentAt: string;
            /**
             * @description A wait returned it (outbox/next, waitForMessage); a wait without a cursor looks past it.
             * @constant
             */
            waited?: true;
            /**
             * Format: date-time
             * @description A magic link's message: when its token was used up, on the session's clock: the link followed (a link that turns magic links on), or the app's sign-in with it (a sign-in link's page only shows the token). Absent while unused (it may have expired meanwhile: the text says until when it is valid).
             */
            usedAt?: string;
        };
        SessionEventReady: {
            session: components["schemas"]["SessionId"];
            cursor: number;
        };
        /** @description QA changed the session through the admin API (its scenario, overrides, clock, a user's lock; a magic link followed), or reset it; read it again to see what changed. */
        SessionEventChanged: {
            session: components["schemas"]["SessionId"];
            /** @description Grows by one with each change QA makes to the session; a session starts at a random number (below 2^31), so one made anew after a reset does not repeat the revisions a client saw before it. Compare for equality only. */
            revision: number;
            /** @description The session was reset: it starts again on its next use. A watched session (this stream open on it) is in use, so the sandbox never forgets it meanwhile for being idle past --session-ttl or beyond --max-sessions. */
            reset: boolean;
            /**
             * @description With `reset`, why the session went, where the replica serving the stream knows: `deleted` (`DELETE /sessions/{id}`), `reset` (`POST /reset`, every session). Absent when another replica reset it.
             * @enum {string}
             */
            why?: "deleted" | "reset";
        };
        WorldUser: {
            id: string;
            email: string;
            username?: string;
            name?: string;
            phone?: string;
            phoneCountryCode?: string;
            /** @description GenAuth: the address set-mfa-status gave the EMAIL factor (else the account's). */
            mfaEmail?: string;
            /** @description GenAuth: the number set-mfa-status gave the SMS factor (else the account's). */
            mfaPhone?: string;
            mfaPhoneCountryCode?: string;
            password?: string;
            /** @enum {string} */
            role: "OWNER" | "ADMINISTRATOR" | "MEMBER";
            active: boolean;
            locked: boolean;
            /** @description Wrong codes in a row under a scenario's lockout setting. */
            failedCodeAttempts?: number;
            /**
             * Format: date-time
             * @description When a lock set by a scenario's `lockout` with `lockedForSeconds` runs out, on the session's clock; absent for a lock without an end (QA's).
             */
            lockedUntil?: string;
            mfaEnabled: boolean;
            primaryMethod?: components["schemas"]["FactorKind"];
            factors: components["schemas"]["WorldFactor"][];
            recoveryCodes: string[];
            pending: {
                [key: string]: {
                    kind: components["schemas"]["FactorKind"];
                    secret?: string;
                    lastTimeStep?: number;
                    /**
                     * Format: date-time
                     * @description When a code of this setup last verified (Lerian verifies a setup before it is activated).
                     */
                    lastUsedAt?: string;
                    challenge?: string;
                    recoveryCodes?: string[];
                    verified: boolean;
                    /** Format: date-time */
                    createdAt: string;
                };
            };
            aliases?: {
                externalId?: string;
                identities?: {
                    extIdpId: string;
                    userIdInIdp: string;
                }[];
                syncRelations?: {
                    provider: string;
                    userIdInIdp: string;
                }[];
                customData?: {
                    [key: string]: string;
                };
            };
        };
        WorldFactor: {
            id: string;
            kind: components["schemas"]["FactorKind"];
            name: string;
            verified: boolean;
            enabled: boolean;
            secret?: string;
            lastTimeStep?: number;
            credential?: {
                id: string;
                publicKey: string;
                counter: number;
                transports?: string[];
                /** @description PKCS#8 (base64url) test key, when the sandbox holds one (a scenario's or an imported passkey). */
                privateKey?: string;
                /** @description The user handle the browser keeps, when it is not the user id's UTF-8 bytes. */
                userHandle?: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt?: string;
        };
        /** @description A virtual WebAuthn credential exactly as Playwright's `browserContext.credentials` (playwright-core >= 1.61) returns and takes it; every key and id is base64url. */
        PlaywrightPasskey: {
            /** @description Credential id. */
            id: string;
            /** @description Relying party id: the host the page must be served from. */
            rpId: string;
            userHandle: string;
            /** @description PKCS#8 (DER) ECDSA P-256 private key: a test key. */
            privateKey: string;
            /** @description SPKI (DER) public key. */
            publicKey: string;
            /** @description The counter the relying party last saw. */
            signCount: number;
        };
        /** @description The newest journal entries (at most 10) an expectation counted, oldest first. */
        VerifiedEntries: components["schemas"]["JournalEntry"][];
        /** @description How many older entries the expectation counted beyond those listed (`actual` counts them all); absent when `entries` lists every one. */
        VerifiedEntriesOmitted: number;
        JournalEntry: {
            /** Format: date-time */
            at: string;
            method: string;
            url: string;
            surface: components["schemas"]["SurfaceId"];
            operationId?: string;
            scenario?: string;
            /**
             * @description What chose the request's session (see the `SessionId` schema for the precedence).
             * @enum {string}
             */
            sessionFrom?: "path" | "header" | "baggage" | "cookie" | "default";
            /** @description The id of the world's user the request acted as or on: the one its credentials named (a bearer token's), or, where the caller is an operator or an access key, the one it addressed (Lerian's path id, GenAuth's userId), also on a scripted answer; on an operation without credentials (nest-auth's login, refresh-token and logout, Flashback's magic link activation), the user its body's e-mail or token belongs to, also when it is refused (a wrong password). Absent when no user was known: credentials refused or not yet checked (a body the parser refused first, a sandbox fault), an e-mail or token no user has. */
            user?: string;
            status: number;
            durationMs: number;
            /** @description A fault the sandbox injected into the delivery of this answer (`status` is what the operation answered: a gateway fault sent 502, 503 or 504 in its place). */
            fault?: components["schemas"]["InjectedFault"];
            /** @description The sandbox answered with its own fault (problem+json, `x-mock-error: true`) instead of the vendor's answer: its code, e.g. `MOCK_ERR_BAD_PREFER_HEADER` for a `Prefer: code=` the operation does not declare. The status is the sandbox's; so is a Prefer value that cannot be read (`latency=abc`), and a body refused before the operation read it (`MOCK_ERR_BODY_TOO_LARGE` over `--body-limit`, `MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING` for a Content-Encoding the sandbox does not decode, `MOCK_ERR_BAD_REQUEST` for bytes that are not what their encoding says), each journalled in the session the request named (without its body, which was not read). A request whose session id cannot be read (malformed) belongs to no session and is not journalled. */
            sandboxError?: string;
            /** @description The delay the sandbox injected before answering (a scenario's latency or `Prefer latency`), in ms; with the fault `slow-body`, the time its body took to go out instead (3000 when no latency was given). */
            latencyMs?: number;
            /** @description The seed of a generated answer (`Prefer dynamic=true`); a request with `Prefer dynamic=true, seed=<it>` generates the same answer again. */
            dynamicSeed?: number;
            /**
             * @description The answer was scripted, not the operation's: by the request's `Prefer code=` or `example=`, or by an override (the session's or the scenario's). A scripted 200 otherwise reads like a real one.
             * @enum {string}
             */
            scripted?: "prefer" | "override";
            /** @description The override that answered (its scripted answer, or its latency or fault): a session override's id (`ov-3`), or a scenario's `<scenario>#/overrides/<index>` (its file's JSON pointer), so of several overrides of one operation (`when`) the journal says which one fit. */
            override?: string;
            /** @description Why a scripted answer did not come: the overrides of this operation (or `*`) whose `when` the request did not fit, in the order the sandbox tried them (the session's newest first, then the scenario's in file order), up to five, each with the first condition it missed. When an override answered, only the ones tried before it; an override without `when` that still answers is never a miss. A session override used up (`used` equals `times`) is listed as any other: with the condition the request missed, or, when the request fitted its `when` (or it has none), at `/times`: it would have answered; one still letting requests go by (`after`) likewise, at `/after` (the request is one of those). An override that fitted and still did not answer is listed last, at the part of it that was set aside: its `/status`, `/example` or `/body` when the request's own `Prefer: code=` or `example=` scripted the answer instead, its `/latencyMs`, `/latency` or `/fault` when that was all it did and the request's `Prefer: latency=` or `fault=` replaced it, its `/faultRate` when its fault was not drawn for this request; such an override was not used (its `times` is not counted). */
            overrideMisses?: components["schemas"]["OverrideMiss"][];
            /** @description The sandbox made this request itself, not the consumer: a vendor request that set up this Pact provider state (a TOTP enrolment walked through the vendor's API, by `POST /sessions/{id}/provider-states` or `mfa-sandbox verify`), sent with the `X-Mock-Provider-State` header that names the state. */
            madeForProviderState?: string;
            /**
             * @description The client closed the connection while the answer waited out its injected delay (`latencyMs`): its own timeout fired first (`curl --max-time`, an aborted fetch), so the answer was never written and the client got no status at all (with the fault `slow-body`: the status and headers, sent at once, and part of the body, never the whole answer); `status` is what it would have got (or, for `slow-body`, got), `durationMs` how long the client waited before it left (`latencyMs` keeps the delay it was to wait). Such an entry still counts as the request it was for every filter but `status` (which keeps a `slow-body` one): a `status` filter (of the journal or of `journal/verify`) asks what the client got, so "the app got 200 twice" does not count an answer it never received, while "the app called verifyMFALogin twice" counts the call it gave up on.
             * @constant
             */
            clientGone?: true;
            explanation?: components["schemas"]["Explanation"];
            requestBody?: unknown;
            responseBody?: unknown;
        };
        /** @description Why the sandbox answered with a vendor refusal (a 4xx, GenAuth's error envelope, Lerian's `{verified:false}`): the rule that refused and what would have passed. Kept in the request's journal entry; sent as compact JSON in the `X-Mock-Explain` response header to a request with `Prefer: explain`. The vendor's body is never changed. */
        Explanation: {
            /**
             * @description authentication (credentials refused), signature (GenAuth request signing), malformed-body (the body parser), request-schema (the spec's request schema), missing-user (a user the world lacks), locked (QA's lock or a scenario's lockout), wrong-code (a TOTP, e-mailed or texted code), passkey (a WebAuthn attestation or assertion that did not verify: origin, challenge, credential or signature), magic-link (a magic-link token unknown, already used, expired or another user's), precondition (the session's state did not allow the operation), scripted (Prefer code/example or an override), unknown-route (no operation matched).
             * @enum {string}
             */
            rule: "authentication" | "signature" | "malformed-body" | "request-schema" | "missing-user" | "locked" | "wrong-code" | "passkey" | "magic-link" | "precondition" | "scripted" | "unknown-route";
            message: string;
            /** @description What the rule wanted: a token, a schema value, our string to sign, the current code. */
            expected?: string;
            /** @description What the request had instead. */
            received?: string;
            /** @description Where in the request, as a JSON pointer: `/body/mfaType`, `/query/userId`, `/path/id`. */
            pointer?: string;
            /** @description The JSON Schema keyword that failed: `required`, `enum`, `type`, ... */
            keyword?: string;
            /** @description What to send (or do) instead. */
            wouldPass?: string;
            nearMisses?: components["schemas"]["NearMiss"][];
        };
        NearMiss: {
            method: string;
            /** @description The path template as mounted, e.g. `/flashback/mfa/status`. */
            path: string;
            surface: components["schemas"]["SurfaceId"];
            operationId: string;
            /**
             * @description method: the path is right, the method is not; prefix: the surface prefix is missing; path: a near spelling.
             * @enum {string}
             */
            why: "method" | "prefix" | "path";
        };
        OverrideMiss: {
            /** @description A session override's id (`ov-3`), or a scenario's `<scenario>#/overrides/<index>`. */
            override: string;
            /** @description The condition missed, as a JSON pointer into the override: `/when/headers/Authorization`, `/when/body/code`; `/times` for one used up; `/after` for one still letting requests go by; the part set aside of one that fitted (`/status`, `/example`, `/body`, `/latencyMs`, `/latency`, `/fault`, `/faultRate`). */
            pointer: string;
            /** @description What it wanted: the text as written (params, query, headers), else JSON (`"000000"`); for `/times`, `at most <times> answer(s)`; for `/after`, `answers after <after> request(s)`; for a part set aside, what the override would have done (`500`, `800 ms`, `drop-connection`, `drop-connection in 30 % of requests`). At most 200 characters. */
            expected: string;
            /** @description What the request had there, in the same form (every value of a repeated header or query parameter); for a body that arrived but is not JSON, `(not JSON: <why>)`; absent when it had nothing; for `/times`, `<used> answer(s) given`; for `/after`, `<passed> request(s) let go by before this one`; for a part set aside, the request's preference that replaced it (`Prefer: latency=0`), or `none drawn for this request`. At most 200 characters. */
            received?: string;
        };
        /** @description ISO 8601 with its zone (`2026-01-01T10:00:00Z`; without one, a 400: the journal's times are UTC and a server's local time is no one's), a date alone (`2026-01-01`, its UTC midnight), or epoch milliseconds. */
        JournalTime: string | number;
        JournalMethod: string;
        /** @description `true`, `false`, or a sandbox error code. */
        JournalSandboxError: boolean | string;
        /** @description A path as its spec writes it (`/flashback/mfa/status`), or a prefix ending in `*` (`/flashback/mfa/*`), compared in any letter case: nest-auth routes `/Auth/MFA/Status` as `/auth/mfa/status`, as 2.11.1 does, and the ids in paths are UUIDs. */
        JournalPath: string;
        /** @description Filters (all optional) and exactly `count`, or `atLeast` and/or `atMost`. */
        JournalExpectation: {
            surface?: components["schemas"]["SurfaceId"];
            operationId?: string;
            /** @description The status the client got: never an entry with `clientGone` (but a `slow-body` one: its client had the status) or with the fault `drop-connection` or `connection-reset` (it got none); one with a gateway fault counts as the 502, 503 or 504 it got. */
            status?: number;
            scenario?: string;
            since?: components["schemas"]["JournalTime"];
            until?: components["schemas"]["JournalTime"];
            method?: components["schemas"]["JournalMethod"];
            path?: components["schemas"]["JournalPath"];
            /** @description JSON the request body must contain: every field given equals the body's (objects field by field, recursively; arrays and other values whole). */
            requestBody?: unknown;
            /** @description `false`: the vendor's answers only (a `status: 400` then counts no 400 the sandbox sent for a bad `Prefer`); `true`: the sandbox's faults only; a code: that fault only. */
            sandboxError?: components["schemas"]["JournalSandboxError"];
            /** @description The id of the user the request acted as or on (the entry's `user`): `usr_bob` counts Bob's requests only. An id no user of the session's scenarios, worlds or journal has is a 400 naming the near ones. */
            user?: string;
            fault?: components["schemas"]["InjectedFault"];
            count?: number;
            atLeast?: number;
            atMost?: number;
        };
        /** @description Which requests the override answers (without `when`, every request of its operation): every part given must fit. `params`, `query` and `headers` compare text exactly (header names in any letter case; one value of a repeated query parameter is enough; a header sent twice is one text, its values joined with `, `, as Node reads it); `body` is JSON the request's JSON body must contain, as the journal's `requestBody` filter reads it (every field given, recursively; arrays and other values whole). A path or query parameter the operation does not declare, or a body condition on an operation without a request body, is a 422: no request could fit. */
        OverrideConditions: {
            /** @description Path parameters as the URL has them (`{"id": "usr_01"}` on Lerian's `/v1/users/{id}/mfa`). */
            params?: {
                [key: string]: string;
            };
            /** @description Query parameters (`{"userId": "6229ff..."}` on GenAuth's get-mfa-status). */
            query?: {
                [key: string]: string;
            };
            /** @description Request headers (`{"Authorization": "Bearer flashback-token-bob"}` answers one user). */
            headers?: {
                [key: string]: string;
            };
            /** @description JSON the request body must contain (`{"code": "000000"}`). */
            body?: unknown;
        };
        SessionOverrideFields: {
            /** @description Required for `*`, or when several surfaces have the operationId. */
            surface?: components["schemas"]["SurfaceId"];
            /** @description An operationId of the surface, or `*` for all of them. */
            operationId: string;
            when?: components["schemas"]["OverrideConditions"];
            /** @description Defaults to 200. */
            status?: number;
            /** @description A named example of that status; the canonical one by default. */
            example?: string;
            /** @description A literal body (wins over example); must fit the response schema. */
            body?: unknown;
            /** @description Response headers added to the answer the override gives (`{"Retry-After": "30"}` on a 429 or 503): its scripted answer (not one a request's `Prefer` scripted instead), or with no status, example or body, every answer it applies to. Not the headers the sandbox writes itself: framing (Content-Length, Transfer-Encoding, Connection, ...), Content-Type, Content-Encoding, Set-Cookie, Vary, Access-Control-* (from `--cors`) and X-Mock-* are refused (422), as is Refresh (it sends a browser elsewhere; no vendor's API answer does), and request headers (Authorization, Cookie, Proxy-Authorization: a condition on them is `when.headers`) and one name given twice in different letter case. A scripted Date replaces the server's (for a client's clock-skew handling). A page of another origin can read them (they are added to Access-Control-Expose-Headers). */
            headers?: {
                [key: string]: string;
            };
            latencyMs?: number;
            latency?: {
                min: number;
                max: number;
            };
            fault?: components["schemas"]["InjectedFault"];
            faultRate?: number;
            /** @description Answer only this many matching requests. */
            times?: number;
            /** @description Let this many requests that fit go by first (answered as if the override were not there), then answer: `after: 2` scripts the third call. Every fitting request counts, whatever answered it. */
            after?: number;
        };
        SessionOverrideInput: components["schemas"]["SessionOverrideFields"];
        SessionOverride: components["schemas"]["SessionOverrideFields"] & {
            id: string;
            surface: components["schemas"]["SurfaceId"];
            /** @description Requests it answered; equal to `times` once used up. */
            used: number;
            /** @description With `after`: the fitting requests it let go by so far; it answers once this equals `after`. */
            passed?: number;
            /** Format: date-time */
            createdAt: string;
        };
        Problem: {
            /** Format: uri */
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            instance?: string;
        };
    };
    responses: {
        /** @description The session's clock after the call. */
        SessionClock: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    session: components["schemas"]["SessionId"];
                    /**
                     * Format: date-time
                     * @description The session's time.
                     */
                    now: string;
                    nowMs: number;
                    frozen: boolean;
                    /** @description How far the session's time is from the sandbox's clock now: on a frozen clock it changes from read to read, as the sandbox's time moves on and the session's does not (`now` is the frozen time). */
                    offsetMs: number;
                };
            };
        };
        /** @description The seed of the session's dynamic answers after the call (null: none is set, each answer takes a fresh one). */
        SessionSeed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    session: components["schemas"]["SessionId"];
                    seed: number | null;
                };
            };
        };
        /** @description The sandbox runs with an admin token and this request did not send it (MOCK_ERR_ADMIN_UNAUTHORIZED). */
        AdminUnauthorized: {
            headers: {
                "x-mock-error"?: "true";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The client is not on the sandbox's machine and admin access is loopback only, or the request comes from a web page the admin API does not answer (under --cors any, a page of another machine or site, or Origin null; under --cors <origins>, a page of another origin), or names another host than this machine's (DNS rebinding) (MOCK_ERR_ADMIN_FORBIDDEN). */
        AdminForbidden: {
            headers: {
                "x-mock-error"?: "true";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The session store cannot be reached (a PostgreSQL state store that is down or restarting), or one session was changed by so many requests at once that an update could not settle (MOCK_ERR_STATE_UNAVAILABLE, `retryable`: true). A store that refused changed nothing; one that stopped answering (no answer within 5 s) may still save a change it had received. The same request succeeds once the store is back. */
        StateUnavailable: {
            headers: {
                "x-mock-error"?: "true";
                /** @description Seconds to wait before the same request (1); absent on the readiness and health answers, which are asked again on the prober's own schedule. */
                "retry-after"?: "1";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than `--body-limit` (1 MiB by default; a body sent with `Content-Encoding` counts inflated), MOCK_ERR_BODY_TOO_LARGE; the detail names the limit and the setting that raises it (a large session file's import is the usual cause). */
        BodyTooLarge: {
            headers: {
                "x-mock-error"?: "true";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body was sent with a `Content-Encoding` the sandbox does not decode (it reads gzip, x-gzip, deflate, br and identity), MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING; `Accept-Encoding` names those it reads (RFC 7694), and the same body sent uncompressed is always read. Bytes that are not what their encoding says are a 400 (MOCK_ERR_BAD_REQUEST). */
        UnsupportedContentEncoding: {
            headers: {
                "x-mock-error"?: "true";
                "accept-encoding"?: "gzip, deflate, br";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A sandbox error. */
        Fault: {
            headers: {
                "x-mock-error"?: "true";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
        SessionId: components["schemas"]["SessionId"];
        /** @description Messages this surface sent. */
        OutboxSurface: components["schemas"]["SurfaceId"];
        /** @description Messages to this user (the vendor's user id). */
        OutboxUserId: string;
        /**
         * @description The recipient, an e-mail address or a phone number (case does not matter).
         * @example ada@example.com
         */
        OutboxTo: string;
        OutboxChannel: "email" | "sms";
        /**
         * @description A part of the subject (case does not matter).
         * @example magic link
         */
        OutboxSubject: string;
        /** @description Messages that carry a one-time code, or a link. */
        OutboxContains: "code" | "link";
        /** @description A cursor (a message's `seq`, or `x-mock-outbox-cursor`); only messages numbered after it. */
        OutboxAfter: string;
    };
    requestBodies: never;
    headers: {
        /** @description The `seq` of the session's latest outbox message (of the message answered, for outbox/next); 0 before any. */
        OutboxCursor: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAdminIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This API's contract and its main routes, and the sandbox's pages, as paths on this server. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        name: "mfa-sandbox admin API";
                        /**
                         * @description This API's OpenAPI 3.1 contract.
                         * @constant
                         */
                        openapi: "/__admin/openapi.yaml";
                        links: {
                            /** @constant */
                            health: "/__admin/health";
                            /**
                             * @description Readiness without the admin token (for load balancers).
                             * @constant
                             */
                            ready: "/__admin/ready";
                            /** @constant */
                            surfaces: "/__admin/surfaces";
                            /** @constant */
                            scenarios: "/__admin/scenarios";
                            /** @constant */
                            sessions: "/__admin/sessions";
                            /**
                             * @description The QA console (a page).
                             * @constant
                             */
                            console: "/__console/";
                            /**
                             * @description The vendor specs in a docs UI, "try it out" included (a page).
                             * @constant
                             */
                            docs: "/docs";
                            /** @description The vendor specs as written, one path each. */
                            specs: string[];
                        };
                    };
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
        };
    };
    getAdminSpec: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description specs/sandbox/admin.openapi.yaml, byte for byte. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
        };
    };
    getAdminSpecJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document of GET /__admin/openapi.yaml, as JSON. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sandbox is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The replica can serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            503: components["responses"]["StateUnavailable"];
        };
    };
    listSurfaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per surface. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurfaceInfo"][];
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
        };
    };
    listScenarios: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Map of surface id to its scenarios. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["ScenarioSummary"][];
                    };
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
        };
    };
    getScenario: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                surface: components["schemas"]["SurfaceId"];
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The scenario. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScenarioDetail"];
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            404: components["responses"]["Fault"];
            422: components["responses"]["Fault"];
        };
    };
    resetAllSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All sessions forgotten. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sessions that made a request, chose a scenario or were read (and are not expired). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionSummary"][];
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Worlds keyed by `<surface>/<scenario>` (users, factors, organisation, policy, outbox). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDetail"];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    resetSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Forgotten (or never existed). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    setSessionScenario: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scenario: string;
                    surface?: components["schemas"]["SurfaceId"];
                };
            };
        };
        responses: {
            /** @description The surfaces that switched, and (without `surface`) those that have no such scenario, which started fresh in `default`: a switch starts every surface of the session clean. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        session: components["schemas"]["SessionId"];
                        scenario: string;
                        surfaces: components["schemas"]["SurfaceId"][];
                        defaulted: components["schemas"]["SurfaceId"][];
                    };
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            404: components["responses"]["Fault"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            422: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getJournal: {
        parameters: {
            query?: {
                /** @description The last `limit` entries (of those the filters keep). */
                limit?: number;
                surface?: components["schemas"]["SurfaceId"];
                /** @description An operation id of a served surface (of `surface`, when given); any other is a 400 naming the near spellings. */
                operationId?: string;
                /** @description The status the client got: an entry with `clientGone` (but with the fault `slow-body`, whose client had its status before it left), or with the fault `drop-connection` or `connection-reset` (it got none), is never kept, and one with a gateway fault (`bad-gateway`, `service-unavailable`, `gateway-timeout`) is kept as the 502, 503 or 504 it got. */
                status?: number;
                scenario?: string;
                /** @description Entries at or after this time. */
                since?: components["schemas"]["JournalTime"];
                /** @description Entries at or before this time. */
                until?: components["schemas"]["JournalTime"];
                /** @description The HTTP method, in any case (a HEAD is journalled under its GET operation). */
                method?: components["schemas"]["JournalMethod"];
                /** @description The path as sent, without query string or `/s/<session>` prefix; a trailing `*` matches any rest. */
                path?: components["schemas"]["JournalPath"];
                /** @description JSON text the request body must contain (every field given, recursively). */
                requestBody?: string;
                /** @description `false`: the vendor's answers only (no problem+json fault of the sandbox, such as the 400 for a bad `Prefer`); `true`: the sandbox's faults only; a code (`MOCK_ERR_BAD_PREFER_HEADER`): that fault only. */
                sandboxError?: components["schemas"]["JournalSandboxError"];
                /** @description The id of the user the request acted as or on (the entry's `user`): `usr_bob` keeps Bob's requests. An id no user of the session's scenarios, worlds or journal has is a 400 naming the near ones; a Lerian UUID in any letter case. */
                user?: string;
                /** @description The fault the sandbox injected into the answer (the entry's `fault`): `slow-body` keeps the answers it sent slowly. */
                fault?: components["schemas"]["InjectedFault"];
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Journal entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JournalEntry"][];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    clearJournal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Emptied (or there was no such session). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    verifyJournal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JournalExpectation"] | components["schemas"]["JournalExpectation"][];
            };
        };
        responses: {
            /** @description Every expectation holds; what each counted, in the order given. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            expectation: components["schemas"]["JournalExpectation"];
                            actual: number;
                            entries: components["schemas"]["VerifiedEntries"];
                            entriesOmitted?: components["schemas"]["VerifiedEntriesOmitted"];
                        }[];
                    };
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            404: components["responses"]["Fault"];
            /** @description At least one expectation does not hold (MOCK_ERR_VERIFICATION_FAILED). */
            409: {
                headers: {
                    "x-mock-error"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        code?: "MOCK_ERR_VERIFICATION_FAILED";
                        failures: {
                            /** @description Position of the expectation in the list posted (0 for a single one). */
                            index: number;
                            expectation: components["schemas"]["JournalExpectation"];
                            actual: number;
                            entries: components["schemas"]["VerifiedEntries"];
                            entriesOmitted?: components["schemas"]["VerifiedEntriesOmitted"];
                            /**
                             * @description The journal dropped older requests (it keeps the newest `--journal-size`, 100 by default), and they could change the verdict: the expectation does not hold, whatever `actual` says, and the problem's `detail` says how to keep more.
                             * @constant
                             */
                            incomplete?: true;
                        }[];
                    };
                };
            };
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    listSessionOverrides: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The overrides. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionOverride"][];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    addSessionOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionOverrideInput"];
            };
        };
        responses: {
            /** @description Stored; the session's next matching request gets it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionOverride"];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            /** @description The override does not fit the spec or is malformed (MOCK_ERR_INVALID_OVERRIDE); nothing was stored. */
            422: {
                headers: {
                    "x-mock-error"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        code?: "MOCK_ERR_INVALID_OVERRIDE";
                        problems: {
                            /**
                             * @description JSON pointer into the posted body ("" for the whole of it).
                             * @example /status
                             */
                            pointer: string;
                            reason: string;
                        }[];
                    };
                };
            };
            503: components["responses"]["StateUnavailable"];
        };
    };
    clearSessionOverrides: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed (or there were none). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    removeSessionOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                overrideId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description The session has no override of that id, or does not exist (MOCK_ERR_UNKNOWN_OVERRIDE). */
            404: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getOutbox: {
        parameters: {
            query?: {
                /** @description Messages this surface sent. */
                surface?: components["parameters"]["OutboxSurface"];
                /** @description Messages to this user (the vendor's user id). */
                userId?: components["parameters"]["OutboxUserId"];
                /**
                 * @description The recipient, an e-mail address or a phone number (case does not matter).
                 * @example ada@example.com
                 */
                to?: components["parameters"]["OutboxTo"];
                channel?: components["parameters"]["OutboxChannel"];
                /**
                 * @description A part of the subject (case does not matter).
                 * @example magic link
                 */
                subject?: components["parameters"]["OutboxSubject"];
                /** @description Messages that carry a one-time code, or a link. */
                contains?: components["parameters"]["OutboxContains"];
                /** @description A cursor (a message's `seq`, or `x-mock-outbox-cursor`); only messages numbered after it. */
                after?: components["parameters"]["OutboxAfter"];
                /** @description Keep the latest N of the messages the criteria kept (at most 100000). */
                limit?: string;
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Messages, oldest first. */
            200: {
                headers: {
                    "x-mock-outbox-cursor": components["headers"]["OutboxCursor"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxMessage"][];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description The `surface` filter names no surface this sandbox serves (MOCK_ERR_UNKNOWN_SURFACE). */
            404: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    waitForOutboxMessage: {
        parameters: {
            query?: {
                /** @description Messages this surface sent. */
                surface?: components["parameters"]["OutboxSurface"];
                /** @description Messages to this user (the vendor's user id). */
                userId?: components["parameters"]["OutboxUserId"];
                /**
                 * @description The recipient, an e-mail address or a phone number (case does not matter).
                 * @example ada@example.com
                 */
                to?: components["parameters"]["OutboxTo"];
                channel?: components["parameters"]["OutboxChannel"];
                /**
                 * @description A part of the subject (case does not matter).
                 * @example magic link
                 */
                subject?: components["parameters"]["OutboxSubject"];
                /** @description Messages that carry a one-time code, or a link. */
                contains?: components["parameters"]["OutboxContains"];
                /** @description A cursor (a message's `seq`, or `x-mock-outbox-cursor`); only messages numbered after it. */
                after?: components["parameters"]["OutboxAfter"];
                /** @description How long to wait, 0 to 60000 ms (default 10000; 0 looks once). */
                timeoutMs?: string;
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message (its `seq` is also in `x-mock-outbox-cursor`). */
            200: {
                headers: {
                    "x-mock-outbox-cursor": components["headers"]["OutboxCursor"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxMessage"];
                };
            };
            /** @description No matching message came within `timeoutMs`. */
            204: {
                headers: {
                    "x-mock-outbox-cursor": components["headers"]["OutboxCursor"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description The `surface` criterion names no surface this sandbox serves (MOCK_ERR_UNKNOWN_SURFACE). */
            404: components["responses"]["Fault"];
            /** @description The session store cannot be reached (MOCK_ERR_STATE_UNAVAILABLE), or the sandbox shut down while the request waited (MOCK_ERR_CLOSING, `retryable`: true): no answer about the message, so wait again. */
            503: components["responses"]["StateUnavailable"];
        };
    };
    streamSessionEvents: {
        parameters: {
            query?: {
                /** @description Send the outbox messages numbered after this cursor first (journal entries from now on); without it (and without Last-Event-ID), only what happens from now on. */
                after?: string;
            };
            header?: {
                /** @description Sent by a browser's EventSource when it reconnects: the id of the last event it saw, `<outbox seq>:<journal number>:<revision>`; the stream resumes after all three. Wins over `after`. Without the revision (`<outbox seq>:<journal number>`) it starts with a `session` event; a bare number resumes the outbox only; anything else is ignored (only what happens from now on). */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example retry: 1000
                     *     id: 0:4:0
                     *     event: ready
                     *     data: {"session":"qa-1","cursor":0}
                     *
                     *     id: 0:4:1
                     *     event: session
                     *     data: {"session":"qa-1","revision":1,"reset":false}
                     *
                     *     id: 1:4:1
                     *     event: outbox
                     *     data: {"surface":"flashback","scenario":"default","id":"msg_mx30y1gt1kt3v","seq":1,"channel":"email","userId":"usr_ada","to":"ada@example.com","subject":"Your magic link","text":"...","sentAt":"2026-01-01T09:00:00.000Z"}
                     */
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getTotpCodes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per TOTP secret, the session's current worlds first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpCode"][];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    exportPasskeys: {
        parameters: {
            query?: {
                /** @description Only this surface's passkeys (a surface with passkeys, e.g. `flashback`). */
                surface?: components["schemas"]["SurfaceId"];
                /** @description Only this user's passkeys; a user no chosen world has is a 400. */
                user?: string;
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The passkeys, surfaces and users in the session's order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlaywrightPasskey"][];
                };
            };
            /** @description A malformed session id, or a surface without passkeys (MOCK_ERR_BAD_ADMIN_REQUEST). */
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description The `surface` filter names no surface this sandbox serves (MOCK_ERR_UNKNOWN_SURFACE), or the `user` no chosen world has (MOCK_ERR_UNKNOWN_USER). */
            404: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    importPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    credential: WithRequired<components["schemas"]["PlaywrightPasskey"], "id" | "rpId" | "publicKey">;
                    surface?: components["schemas"]["SurfaceId"];
                    /** @description The user id; defaults to the one the user handle names. */
                    user?: string;
                };
            };
        };
        responses: {
            /** @description Where the passkey went. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        session: components["schemas"]["SessionId"];
                        surface: components["schemas"]["SurfaceId"];
                        scenario: string;
                        userId: string;
                        factorId: string;
                    };
                };
            };
            /** @description A body of the wrong shape, a surface without passkeys, or no user named and a user handle that is no user id (MOCK_ERR_BAD_ADMIN_REQUEST). */
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description `surface` names no surface this sandbox serves (MOCK_ERR_UNKNOWN_SURFACE), or `user` one the world lacks (MOCK_ERR_UNKNOWN_USER). */
            404: components["responses"]["Fault"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            /** @description Keys the sandbox cannot use (MOCK_ERR_INVALID_PASSKEY): a public key that is not ECDSA P-256 SPKI, a private key that is not PKCS#8 P-256 or carries another public key, an `rpId` of no surface, or a credential id the user has with another public key. */
            422: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    changeProviderState: {
        parameters: {
            query?: {
                /** @description The surface the pact is for; may be left out when the sandbox serves one surface. */
                surface?: components["schemas"]["SurfaceId"];
            };
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The provider state sentence ("" for an interaction without states). */
                    state: string;
                    /** @description The state's Pact parameters (`userId` names the user). */
                    params?: Record<string, never>;
                    /**
                     * @default setup
                     * @enum {string}
                     */
                    action?: "setup" | "teardown";
                };
            };
        };
        responses: {
            /** @description The values the state provides to `fromProviderState`: the user it is about (`userId`, as the world files it) and those the README's vocabulary lists for it (none at teardown, or for an interaction without states). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description A body that is no state change, or no `surface` while the sandbox serves several (MOCK_ERR_BAD_ADMIN_REQUEST). */
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description `surface` names no surface this sandbox serves (MOCK_ERR_UNKNOWN_SURFACE). */
            404: components["responses"]["Fault"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            /** @description A state the sandbox cannot set up (MOCK_ERR_PROVIDER_STATE): a sentence it does not know, one its scenario makes untrue, a scenario the surface lacks, or states of one interaction that need different scenarios. */
            422: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getSessionClock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionClock"];
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    setSessionClock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Jump to this moment (ISO 8601 date-time, or ms since the epoch). */
                    at?: string | number;
                    /** @description Run this far from the sandbox's clock (negative: behind). */
                    offsetMs?: number;
                    /** @description Move the session's time by this much from where it is (negative: back). */
                    advanceMs?: number;
                    /** @description Stop the time where it is (true) or let it run on (false). */
                    frozen?: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["SessionClock"];
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    resetSessionClock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionClock"];
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    getSessionSeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionSeed"];
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    setSessionSeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `null` clears it (as DELETE does; GET answers `null` for a session without one). */
                    seed: number | null;
                };
            };
        };
        responses: {
            200: components["responses"]["SessionSeed"];
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    clearSessionSeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionSeed"];
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    exportSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session file. */
            200: {
                headers: {
                    "content-disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionFile"];
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    importSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionFile"];
            };
        };
        responses: {
            /** @description What the session holds now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        session: components["schemas"]["SessionId"];
                        scenarios: components["schemas"]["ScenarioChoice"];
                        /** @description By `<surface>/<scenario>`. */
                        worlds: string[];
                        /** @description The session's runtime overrides now. */
                        overrides: number;
                        /**
                         * @description The session's time: the sandbox's clock, frozen, or an offset from it.
                         * @enum {string}
                         */
                        clock: "sandbox" | "frozen" | "offset";
                    };
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            /** @description Not a session file this sandbox can import (MOCK_ERR_INVALID_SESSION_FILE). */
            422: {
                headers: {
                    "x-mock-error"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        problems: {
                            /** @description JSON pointer into the posted file ('' for the file itself). */
                            pointer: string;
                            /** @description What is wrong there, as an override's problems say it. */
                            reason: string;
                            /** @description The same text as `reason` (its name in 0.1.0). */
                            message: string;
                        }[];
                    };
                };
            };
            503: components["responses"]["StateUnavailable"];
        };
    };
    followMagicLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Activated, or a sign-in link shown (nothing used up); an HTML page says which. */
            200: {
                headers: {
                    /** @description `mfa-sandbox-session=<session>` of the world the link was sent in (`<session>/<scenario>` when that world's scenario is not the session's own: a link sent with `Prefer: scenario=`), so the browser that followed it stays in that session and scenario for its next requests without a prefix or header. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Unknown, used or expired link, or one whose session the sandbox does not know (malformed, expired or reset): an HTML page, since a browser opens it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The link's user is locked (QA's lock or a scenario's lockout), as POST /mfa/magic-link/activate answers it: nothing is switched on and the link stays usable for after the unlock (HTML page). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The link's user is gone or inactive (HTML page). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            503: components["responses"]["StateUnavailable"];
        };
    };
    expireMagicLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Expired. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        /** @constant */
                        expired: true;
                    };
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            /** @description The session has no magic link of that token (MOCK_ERR_UNKNOWN_MAGIC_LINK), or does not exist (MOCK_ERR_UNKNOWN_SESSION). */
            404: components["responses"]["Fault"];
            503: components["responses"]["StateUnavailable"];
        };
    };
    setUserLocked: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session id, as vendor requests name it (`/s/<id>/` URL prefix, X-Mock-Session, baggage or cookie). */
                id: components["parameters"]["SessionId"];
                /** @description The user id as the scenario names it; a Lerian id (a UUID) in any letter case. */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    locked: boolean;
                    surface?: components["schemas"]["SurfaceId"];
                };
            };
        };
        responses: {
            /** @description The worlds where the user was found and (un)locked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        session: components["schemas"]["SessionId"];
                        /** @description The id as the worlds hold it: a Lerian UUID in lower case, whatever case it was sent in. */
                        userId: string;
                        locked: boolean;
                        worlds: {
                            surface: components["schemas"]["SurfaceId"];
                            scenario: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Fault"];
            401: components["responses"]["AdminUnauthorized"];
            403: components["responses"]["AdminForbidden"];
            404: components["responses"]["Fault"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["UnsupportedContentEncoding"];
            503: components["responses"]["StateUnavailable"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};

/** Response example names of each operation, by status (for typed handlers). */
export interface exampleNames {
  "getAdminIndex": {
    200: never;
    401: never;
    403: never;
  };
  "getAdminSpec": {
    200: never;
    401: never;
    403: never;
  };
  "getAdminSpecJson": {
    200: never;
    401: never;
    403: never;
  };
  "getHealth": {
    200: never;
    401: never;
    403: never;
    503: never;
  };
  "getReadiness": {
    200: never;
    503: never;
  };
  "listSurfaces": {
    200: never;
    401: never;
    403: never;
  };
  "listScenarios": {
    200: never;
    401: never;
    403: never;
  };
  "getScenario": {
    200: never;
    401: never;
    403: never;
    404: never;
    422: never;
  };
  "resetAllSessions": {
    204: never;
    400: never;
    401: never;
    403: never;
    413: never;
    415: never;
    503: never;
  };
  "listSessions": {
    200: never;
    401: never;
    403: never;
    503: never;
  };
  "getSession": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "resetSession": {
    204: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "setSessionScenario": {
    200: never;
    400: never;
    401: never;
    403: never;
    404: never;
    413: never;
    415: never;
    422: never;
    503: never;
  };
  "getJournal": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "clearJournal": {
    204: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "verifyJournal": {
    200: never;
    400: never;
    401: never;
    403: never;
    404: never;
    409: never;
    413: never;
    415: never;
    503: never;
  };
  "listSessionOverrides": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "addSessionOverride": {
    201: never;
    400: never;
    401: never;
    403: never;
    413: never;
    415: never;
    422: never;
    503: never;
  };
  "clearSessionOverrides": {
    204: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "removeSessionOverride": {
    204: never;
    400: never;
    401: never;
    403: never;
    404: never;
    503: never;
  };
  "getOutbox": {
    200: "magicLink";
    400: never;
    401: never;
    403: never;
    404: never;
    503: never;
  };
  "waitForOutboxMessage": {
    200: "emailCode";
    204: never;
    400: never;
    401: never;
    403: never;
    404: never;
    503: never;
  };
  "streamSessionEvents": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "getTotpCodes": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "exportPasskeys": {
    200: "scenarioPasskey";
    400: never;
    401: never;
    403: never;
    404: never;
    503: never;
  };
  "importPasskey": {
    200: "imported";
    400: never;
    401: never;
    403: never;
    404: never;
    413: never;
    415: never;
    422: never;
    503: never;
  };
  "changeProviderState": {
    200: "enabled";
    400: never;
    401: never;
    403: never;
    404: never;
    413: never;
    415: never;
    422: never;
    503: never;
  };
  "getSessionClock": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "setSessionClock": {
    200: never;
    400: never;
    401: never;
    403: never;
    413: never;
    415: never;
    503: never;
  };
  "resetSessionClock": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "getSessionSeed": {
    200: "seeded";
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "setSessionSeed": {
    200: "seeded";
    400: never;
    401: never;
    403: never;
    413: never;
    415: never;
    503: never;
  };
  "clearSessionSeed": {
    200: "seeded";
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "exportSession": {
    200: never;
    400: never;
    401: never;
    403: never;
    503: never;
  };
  "importSession": {
    200: never;
    400: never;
    401: never;
    403: never;
    413: never;
    415: never;
    422: never;
    503: never;
  };
  "followMagicLink": {
    200: never;
    400: never;
    403: never;
    404: never;
    503: never;
  };
  "expireMagicLink": {
    200: never;
    400: never;
    401: never;
    403: never;
    404: never;
    503: never;
  };
  "setUserLocked": {
    200: never;
    400: never;
    401: never;
    403: never;
    404: never;
    413: never;
    415: never;
    503: never;
  };
}
