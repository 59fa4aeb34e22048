import { readFile } from 'node:fs/promises';
import { SESSION_COOKIE } from '../pipeline/session-cookie.js';
import { SOURCE_ROOT } from '../source-root.js';

/** The page script that puts "try it out" requests in the browser's session (a plain file, copied by `npm run build`). */
const SCRIPT_FILE = new URL('docs/public/docs-session.js', SOURCE_ROOT);

/** The script's text, told the cookie's name, for every docs page's Swagger UI theme. */
export async function loadDocsSessionScript(): Promise<string> {
  return `window.MFA_SANDBOX_SESSION_COOKIE = ${JSON.stringify(SESSION_COOKIE)};\n${await readFile(SCRIPT_FILE, 'utf8')}`;
}

/**
 * Swagger UI's requestInterceptor on a page without request signing: serialised into the page with
 * Function.prototype.toString, so it refers to the page's globals only.
 */
export const docsSessionInterceptor = (request: unknown): unknown =>
  (globalThis as unknown as { mfaSandboxDocsRequest: (request: unknown) => unknown }).mfaSandboxDocsRequest(request);
