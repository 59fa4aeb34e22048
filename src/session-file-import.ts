import { readFile, stat } from 'node:fs/promises';
import { checkSessionFileSchema } from './admin/session-file-check.js';
import type { SessionRegistry } from './engine/session-registry.js';
import { SandboxError } from './errors.js';
import { parseJsonFileText } from './json-file-text.js';
import type { RoutesBySurface } from './pipeline/check-override.js';
import { importSession, type ImportedSession } from './pipeline/session-files.js';

/** Larger than any session an export writes (a thousand messages in several worlds is a few MB). */
const MAX_SESSION_FILE_BYTES = 64 * 1024 * 1024;

/**
 * What is no exported session, found before reading it: a FIFO or a device held the start for ever (`/dev/zero` grew to
 * 700 MB before Node gave up on the string), and so would a file of gigabytes.
 */
async function refuseUnlikelySessionFile(path: string): Promise<void> {
  const found = await stat(path);
  if (!found.isFile()) throw new Error('it is not a regular file (a directory, a device or a pipe)');
  if (found.size > MAX_SESSION_FILE_BYTES) throw new Error(`it is ${found.size} bytes; an exported session is at most ${MAX_SESSION_FILE_BYTES} bytes`);
}

/**
 * `serve --session-file <file>`: a session file (from `GET /__admin/sessions/{id}/export` or the QA console) loaded
 * into the session it was exported from, before the server listens. A file that cannot be read or imported is an
 * Error whose message names the file and every problem with its JSON pointer, so the CLI can print it and stop.
 *
 * @example
 * await importSessionFile(sessions, routes, 'tickets/bug-123.json') // { session: 'bug-123', worlds: ['flashback/mfa-enabled'], ... }
 */
export async function importSessionFile(sessions: SessionRegistry, routes: RoutesBySurface, path: string): Promise<ImportedSession> {
  let file: unknown;
  try {
    await refuseUnlikelySessionFile(path);
    file = parseJsonFileText(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not a readable JSON session file (${(error as Error).message})`, { cause: error });
  }
  const id = (file as { session?: { id?: unknown } } | null)?.session?.id;
  try {
    return await importSession(sessions, typeof id === 'string' ? id : '', file, { checkSchema: checkSessionFileSchema, routes });
  } catch (error) {
    if (error instanceof SandboxError && error.code === 'MOCK_ERR_INVALID_SESSION_FILE') {
      const problems = error.extensions.problems as Array<{ pointer: string; message: string }>;
      throw new Error(
        `${path}: not a session file this sandbox can import\n${problems.map((problem) => `  ${problem.pointer || '/'}: ${problem.message}`).join('\n')}`,
        { cause: error },
      );
    }
    throw error;
  }
}
