import { explainMagicLinkRefusal } from '../engine/magic-link-explanation.js';
import { isLocked } from '../engine/code-attempts.js';
import { enrolMagicLinkFactor, findMagicLink, hasMagicLinkSignIn, redeemMagicLink } from '../engine/magic-links.js';
import { SESSION_ID_PATTERN, type SessionRegistry, type SessionState } from '../engine/session-registry.js';
import { userById, type User, type World } from '../engine/world.js';
import type { Settled } from '../state/state-store.js';

/** The page a followed magic link shows: its status and HTML. */
export interface MagicLinkPage {
  status: 200 | 400 | 403 | 404;
  html: string;
  /**
   * Of a link that was used (or shown as a sign-in link): how to keep the browser in the link's session, which the
   * server does with its session cookie. `scenario` is set only when the link was sent in a scenario the request
   * chose (`Prefer: scenario`, a `/s/<id>/scenario/<name>/` URL), not the session's own for its surface: a cookie
   * naming the session's own scenario would outlive a later switch of it (QA's PUT .../scenario), which the browser's
   * requests then ignored.
   */
  keepBrowserIn?: { scenario: string | undefined };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

/** A small page for a browser (a magic link is opened from an e-mail, never by a script); `body` is plain text. */
const page = (status: MagicLinkPage['status'], title: string, body: string): MagicLinkPage => ({
  status,
  html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui;margin:1.5rem;max-width:40rem"><main><h1>${title}</h1><p style="overflow-wrap:anywhere">${escapeHtml(body)}</p></main></body></html>`,
});

/**
 * The page of a usable link whose user already signs in with magic links: a sign-in link, which the user's app redeems
 * (verify-login with its token), not this page. Following it here changes nothing, so the app can still use it; before,
 * the page used the token up re-activating the factor, and the app's sign-in with it failed.
 */
function toSignInPage(world: World, token: string, nowMs: number): MagicLinkPage | undefined {
  const link = findMagicLink(world, token)!;
  const user = world.users[link.userId];
  const usable = !link.used && Date.parse(link.expiresAt) >= nowMs && user?.active;
  if (!usable || !hasMagicLinkSignIn(user)) return undefined;
  return page(
    200,
    'Sign-in link',
    `This link signs ${user.email} in: the app finishes the sign-in by sending its token, POST /mfa/verify-login under ` +
      `the Flashback base URL (/flashback/mfa/verify-login on a sandbox serving every surface) with ` +
      `{"mfaType":"MAGIC_LINK","token":"${token}"} and the user's bearer token. Following it here changes nothing, ` +
      `and the link stays usable once, until ${link.expiresAt}. (A sandbox started with --magic-link-url writes ` +
      `its links to the app's own page, which redeems them.)`,
  );
}

/**
 * Follow a magic link from a session's outbox (`/__admin/sessions/<id>/magic-links/<token>`): it activates magic-link
 * MFA, as the vendor's own page would; a sign-in link of a user who has it active already is shown, not used. A person
 * opens it in a browser, so every outcome is an HTML page with the status the admin spec declares, even for a malformed
 * or unknown session id (a problem+json would show raw JSON).
 * Transport-free: the server's admin routes and the MSW handlers both answer with it.
 *
 * @example
 * followMagicLink(sessions, 'default', message.token) // { status: 200, html: '<!doctype html>...Magic link activated...' }
 */
export function followMagicLink(sessions: SessionRegistry, sessionId: string, token: string): Settled<MagicLinkPage> {
  if (!SESSION_ID_PATTERN.test(sessionId)) return UNKNOWN_SESSION;
  const followed = sessions.changeExisting(sessionId, (session) => followIn(sessions, session, sessionId, token));
  return followed instanceof Promise ? followed.then((answer) => answer ?? UNKNOWN_SESSION) : (followed ?? UNKNOWN_SESSION);
}

/**
 * The page following the link would show, changing nothing: the answer to a HEAD, which a link checker or an e-mail
 * scanner sends before (or instead of) a person's GET. Fastify answered HEAD with the GET's handler, so a HEAD used the
 * link up, and the person who then opened it was told it had been used already.
 *
 * @example
 * peekMagicLink(sessions, 'default', message.token) // { status: 200, html: '...Magic link activated...' }, the link still usable
 */
export function peekMagicLink(sessions: SessionRegistry, sessionId: string, token: string): Settled<MagicLinkPage> {
  if (!SESSION_ID_PATTERN.test(sessionId)) return UNKNOWN_SESSION;
  const peek = (session: SessionState | undefined) => (session ? followIn(sessions, structuredClone(session), sessionId, token) : UNKNOWN_SESSION);
  const session = sessions.read(sessionId);
  return session instanceof Promise ? session.then(peek) : peek(session);
}

const UNKNOWN_SESSION = page(
  400,
  'Link invalid or expired',
  'This magic link belongs to no session the sandbox knows (sessions are forgotten when idle, reset or restarted).',
);

/** Follow the link in this session (changed in place: the stored one, or a copy to peek). */
function followIn(sessions: SessionRegistry, session: SessionState, sessionId: string, token: string): MagicLinkPage {
  const nowMs = sessions.nowOf(session);
  const world = Object.values(session.worlds).find((candidate) => findMagicLink(candidate, token));
  const keepBrowserIn = world && { scenario: world.scenario === sessions.scenarioFor(session, world.surface).name ? undefined : world.scenario };
  const signIn = world && toSignInPage(world, token, nowMs);
  if (signIn) return { ...signIn, keepBrowserIn };
  // A locked account's link switches nothing on, as activate answers it; the link stays usable for after the unlock.
  const link = world && findMagicLink(world, token);
  const owner: User | undefined = link && userById(world, link.userId);
  if (owner && isLocked(owner, nowMs)) return page(403, 'Account locked', `The account of ${owner.email} is locked: this link was not used.`);
  const outcome = world ? redeemMagicLink(world, token, nowMs) : 'invalid';
  if (outcome === 'invalid') {
    // Which of the three (unknown, followed already, expired), in the words the journal's explanation uses.
    const why = world ? explainMagicLinkRefusal(world, token, nowMs, { sessionId }).message : 'no magic link with this token was sent in this session';
    return page(400, 'Link invalid or expired', `This magic link cannot be used: ${why}.`);
  }
  if (outcome === 'no-user') return page(404, 'User not found', 'The user of this link no longer exists or is inactive.');
  enrolMagicLinkFactor(outcome.user, nowMs);
  const activated = page(200, 'Magic link activated', `Magic-link MFA is now active for ${outcome.user.email}. You can close this tab.`);
  return { ...activated, keepBrowserIn };
}
