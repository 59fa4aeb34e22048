import { describe, expect, it } from 'vitest';
import { SessionRegistry, type SessionNews, type SessionState } from '../../../src/engine/session-registry.js';
import type { JournalRecord } from '../../../src/engine/journal.js';
import type { Scenario } from '../../../src/engine/scenario.js';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import { settledNow } from '../../harness/settled-now.js';

/**
 * A change QA makes to a session (SessionRegistry.change) counts in the session's revision and is news to its
 * watchers, as a reset is; the requests' own units of work are not changes.
 */
const scenario: Scenario = { name: 'default', surface: 'flashback', description: 'empty world', world: {}, overrides: [] };

function registry() {
  return new SessionRegistry({
    store: new MemoryStateStore<SessionState, JournalRecord>({ ttlMs: 60_000, maxEntries: 10, logSize: 10, now: () => Date.now() }),
    catalogue: new Map([['flashback', new Map([['default', scenario]])]]),
    defaultScenario: 'default',
  });
}

const revisionOf = (sessions: SessionRegistry, id: string) => settledNow(sessions.update(id, (session) => session.revision ?? 0));

describe('session changes', () => {
  it('count in the revision, once each; a unit of work that is no change leaves it', () => {
    const sessions = registry();
    const start = revisionOf(sessions, 'qa');
    settledNow(sessions.change('qa', (session) => void (session.seed = 7)));
    settledNow(sessions.change('qa', (session) => void delete session.seed));
    settledNow(sessions.update('qa', (session) => void (session.seed = 8))); // e.g. a vendor request's own bookkeeping
    expect(revisionOf(sessions, 'qa')).toBe(start + 2);
  });

  it('start at a random revision, so a session made anew does not repeat the numbers of the one before', () => {
    const sessions = registry();
    const starts = new Set<number>();
    for (let made = 0; made < 20; made++) {
      starts.add(revisionOf(sessions, 'qa'));
      settledNow(sessions.reset('qa'));
    }
    expect(starts.size).toBe(20);
  });

  it('a change refused part-way counts nothing', () => {
    const sessions = registry();
    const start = revisionOf(sessions, 'qa');
    expect(() =>
      sessions.change('qa', () => {
        throw new Error('no such scenario');
      }),
    ).toThrow('no such scenario');
    expect(revisionOf(sessions, 'qa')).toBe(start);
  });

  it('changeExisting makes no session; on one that exists it counts like change', () => {
    const sessions = registry();
    expect(sessions.changeExisting('nobody', () => 'changed')).toBeUndefined();
    expect(sessions.read('nobody')).toBeUndefined();
    const start = revisionOf(sessions, 'qa');
    expect(sessions.changeExisting('qa', () => 'changed')).toBe('changed');
    expect(revisionOf(sessions, 'qa')).toBe(start + 1);
  });

  it("are news to the session's watchers, and so is a reset (of it or of every session)", () => {
    const sessions = registry();
    const heard: SessionNews[] = [];
    const stop = sessions.watch('qa', (news) => heard.push(news));
    settledNow(sessions.update('qa', () => undefined)); // no message, no journal entry, no change: nothing to tell
    expect(heard).toEqual([]);
    settledNow(sessions.change('qa', (session) => void (session.seed = 1)));
    settledNow(sessions.change('other', (session) => void (session.seed = 1)));
    settledNow(sessions.reset('qa'));
    settledNow(sessions.resetAll());
    expect(heard).toEqual([{ reset: false }, { reset: true, why: 'deleted' }, { reset: true, why: 'reset' }]);
    stop();
    settledNow(sessions.change('qa', (session) => void (session.seed = 2)));
    expect(heard).toHaveLength(3);
  });
});
