import { SandboxError } from '../errors.js';
import {
  applySessionFile,
  checkSessionFileAgainst,
  toSessionFile,
  type SessionFile,
  type SessionFileProblem,
  type SessionFileSchemaCheck,
} from '../engine/session-file.js';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { Settled } from '../state/state-store.js';
import { toCheckedOverride, type RoutesBySurface } from './check-override.js';

/** What an import checks a file against: the admin spec's SessionFile schema, and the specs' routes (its overrides). */
export interface SessionFileTools {
  checkSchema: SessionFileSchemaCheck;
  routes: RoutesBySurface;
  /** The importing sandbox's `http://host:port` (and the prefix it is served under), when known: the outbox's magic links are made to name it. */
  linkBase?: string;
}

/** Each override of a schema-valid file checked against this sandbox's specs, as `POST .../overrides` checks one. */
function overrideProblems(file: SessionFile, routes: RoutesBySurface): SessionFileProblem[] {
  return (file.session.overrides ?? []).flatMap((override, index) => {
    const { id: _id, used: _used, passed: _passed, createdAt: _createdAt, ...input } = override;
    try {
      toCheckedOverride(input, routes);
      return [];
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      const problems = (error.extensions.problems as Array<{ pointer: string; reason: string }> | undefined) ?? [{ pointer: '', reason: error.message }];
      return problems.map((problem) => ({ pointer: `/session/overrides/${index}${problem.pointer}`, message: problem.reason }));
    }
  });
}

/** What an import replaced, as the admin API answers it. */
export interface ImportedSession {
  session: string;
  scenarios: Record<string, string>;
  /** The worlds now in the session, by `<surface>/<scenario>`. */
  worlds: string[];
  /** How many runtime overrides the session has now. */
  overrides: number;
  clock: 'sandbox' | 'frozen' | 'offset';
}

/**
 * Session `id` as a file, with the current world of every surface built first (as a read does), so the file holds
 * the state the session's next request would meet.
 *
 * @example
 * const file = await exportSession(sessions, 'bug-123'); // { format: 'mfa-sandbox-session', version: 1, session: { ... } }
 */
export function exportSession(sessions: SessionRegistry, id: string): Settled<SessionFile> {
  return sessions.update(id, (session) => {
    sessions.worldsForReading(session);
    return toSessionFile(session, new Date(sessions.clock.now()).toISOString());
  });
}

/**
 * Replace session `id` with a session file's state, after checking it against the schema and this sandbox's
 * scenarios; a file that fails either is a 422 fault listing each problem's JSON pointer, and nothing changes.
 *
 * @example
 * await importSession(sessions, 'dev-replay', JSON.parse(text), { checkSchema, routes }); // { session: 'dev-replay', worlds: ['flashback/mfa-enabled'], ... }
 */
export function importSession(sessions: SessionRegistry, id: string, file: unknown, tools: SessionFileTools): Settled<ImportedSession> {
  const schemaProblems = tools.checkSchema(file);
  const problems =
    schemaProblems.length > 0
      ? schemaProblems
      : [
          ...checkSessionFileAgainst(file as SessionFile, sessions.catalogue, sessions.clock.now(), sessions.userIdRules, sessions.factorKinds),
          ...overrideProblems(file as SessionFile, tools.routes),
        ];
  if (problems.length > 0) {
    const [first] = problems;
    throw new SandboxError(
      'MOCK_ERR_INVALID_SESSION_FILE',
      // The file itself is `/`, as the console and the problems list name it (it was "(the file)" here alone).
      `Not a session file this sandbox can import: ${first!.pointer || '/'}: ${first!.message}`,
      // `reason`, as an override's problems (and a scenario's) name it; `message` too, as 0.1.0 named it.
      { problems: problems.map(({ pointer, message }) => ({ pointer, reason: message, message })) },
    );
  }
  const checked = file as SessionFile;
  return sessions.change(id, (session) => {
    applySessionFile(session, checked, tools.linkBase);
    const clock = session.clock === undefined ? 'sandbox' : session.clock.frozenAtMs === undefined ? 'offset' : 'frozen';
    return { session: id, scenarios: session.scenarios, worlds: Object.keys(session.worlds), overrides: session.overrides?.length ?? 0, clock };
  });
}
