import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMfaHandlers, type MfaHandlersOptions } from '../../src/msw/create-mfa-handlers.js';

/**
 * `createMfaHandlers({ storage: sessionStorage })`: in a browser the sandbox lives in the page, and a reload (or a
 * magic link followed into the app's own landing route) makes new handlers. Here each "page load" is a new
 * `createMfaHandlers()` under `setupServer`, sharing one storage as the tab's `sessionStorage` is shared.
 */
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
const FLASHBACK = 'http://localhost:4010/flashback';

/** A Web Storage as a page has one: strings by key. */
function createMemoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

let closeServer: (() => void) | undefined;
afterEach(() => closeServer?.());

/** A page load: new handlers, listening under MSW, until the next one. */
function loadPage(options: MfaHandlersOptions) {
  closeServer?.();
  const mfa = createMfaHandlers(options);
  const server = setupServer(...mfa.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  closeServer = () => {
    server.close();
    mfa.close();
  };
  return mfa;
}

/** The stored copy is written once the changes of a turn of the event loop are over. */
const stored = () => new Promise((resolve) => setTimeout(resolve, 10));

async function sendMagicLink() {
  const sent = await fetch(`${FLASHBACK}/mfa/magic-link/send`, { method: 'POST', headers: ADA, body: '{}' });
  expect(sent.status).toBe(200);
}

describe('MSW handlers with a storage: sessions outlive the page', () => {
  it('follows a magic link into a new page load: the token the last load issued is redeemed, once', async () => {
    const storage = createMemoryStorage();
    const first = loadPage({ storage });
    await sendMagicLink();
    const { token } = await first.waitForMessage({ contains: 'link' });
    await stored();

    loadPage({ storage }); // the app's landing route, opened by the link
    const activate = () => fetch(`${FLASHBACK}/mfa/magic-link/activate`, { method: 'POST', headers: ADA, body: JSON.stringify({ token }) });
    const activated = await activate();
    expect([activated.status, ((await activated.json()) as { message: string }).message]).toEqual([200, 'Magic link MFA activated successfully']);
    await stored();
    // And the activation is kept too: a reload after it finds the link used and the method on.
    loadPage({ storage });
    expect((await activate()).status).toBe(400);
    const status = (await (await fetch(`${FLASHBACK}/mfa/status`, { headers: ADA })).json()) as { data: { enabledMethods: string[] } };
    expect(status.data.enabledMethods).toEqual(['MAGIC_LINK']);
  });

  it('keeps what the controls changed (a scenario, a lock) and forgets what reset() forgot', async () => {
    const storage = createMemoryStorage();
    const first = loadPage({ storage });
    first.session('qa-7').useScenario('org-enforced');
    first.session('qa-7').lockUser('usr_ada');
    await stored();

    const second = loadPage({ storage });
    expect(Object.keys(second.session('qa-7').state())).toContain('flashback/org-enforced');
    const locked = await fetch(`http://localhost:4010/s/qa-7/flashback/mfa/status`, { headers: ADA });
    expect(locked.status).toBe(403);
    second.reset();
    await stored();

    const third = loadPage({ storage });
    expect((await fetch(`http://localhost:4010/s/qa-7/flashback/mfa/status`, { headers: ADA })).status).toBe(200);
    expect(Object.keys(third.session('qa-7').state())).toContain('flashback/default');
  });

  it('without a storage a new load starts afresh, as before: the token is unknown there', async () => {
    const first = loadPage({});
    await sendMagicLink();
    const { token } = await first.waitForMessage({ contains: 'link' });
    loadPage({});
    const activated = await fetch(`${FLASHBACK}/mfa/magic-link/activate`, { method: 'POST', headers: ADA, body: JSON.stringify({ token }) });
    expect(activated.status).toBe(400);
  });

  it('an item that is not its own, or a session it cannot restore, is warned of and starts afresh; a bad storage is refused', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const foreign = createMemoryStorage();
      foreign.setItem('mfa-sandbox/msw:sessions', 'not json');
      expect(loadPage({ storage: foreign }).warnings).toEqual([expect.stringContaining('holds no sessions of these handlers; starting afresh')]);
      const stale = createMemoryStorage();
      stale.setItem(
        'mfa-sandbox/msw:sessions',
        JSON.stringify({ format: 'mfa-sandbox-stored-sessions', sessions: { old: { format: 'mfa-sandbox-session' } } }),
      );
      expect(loadPage({ storage: stale }).warnings).toEqual([
        expect.stringMatching(/^session "old" kept in storage could not be restored, it starts afresh: /),
      ]);
      expect((await fetch(`${FLASHBACK}/mfa/status`, { headers: ADA })).status).toBe(200);
      expect(warn).toHaveBeenCalledTimes(2);
      // A full storage refuses every write: said once, and the handlers answer on.
      const full = {
        getItem: () => null,
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      };
      loadPage({ storage: full });
      for (let request = 0; request < 3; request++) {
        expect((await fetch(`${FLASHBACK}/mfa/status`, { headers: ADA })).status).toBe(200);
        await stored();
      }
      expect(warn).toHaveBeenCalledTimes(3);
      expect(warn).toHaveBeenLastCalledWith(
        'mfa-sandbox/msw: warning: the sessions could not be kept in storage (QuotaExceededError); a reload will start them afresh',
      );
    } finally {
      warn.mockRestore();
    }
    expect(() => createMfaHandlers({ storage: {} as never })).toThrow('storage must be a Web Storage (sessionStorage), or an object with getItem and setItem');
  });
});
