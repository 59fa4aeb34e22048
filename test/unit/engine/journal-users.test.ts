import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/engine/journal.js';
import { checkJournalUsers, toSessionUsers } from '../../../src/engine/journal-users.js';
import type { ScenarioCatalogue, SessionState } from '../../../src/engine/session-registry.js';
import type { UserKey } from '../../../src/engine/user-ids.js';

// Lerian stores UUIDs in lower case; every other surface keeps an id as given.
const userKey: UserKey = (surface, id) => (surface === 'lerian' ? id.toLowerCase() : id);
const scenario = (...ids: string[]) => ({ world: { users: ids.map((id) => ({ id })) } });
const catalogue = new Map([
  [
    'flashback',
    new Map([
      ['default', scenario('usr_ada', 'usr_bob')],
      ['inactive-user', scenario('usr_dee')],
    ]),
  ],
  ['lerian', new Map([['default', scenario('019C96A0-0C21-71F9-A487-66A1258278A1')]])],
]) as unknown as ScenarioCatalogue;
const session = { worlds: { 'flashback/generated': { surface: 'flashback', users: { usr_gen_1: {} } } } } as unknown as SessionState;
const entries = [{ surface: 'nest-auth', user: 'made-by-a-flow' }] as JournalEntry[];

describe('journal user filters', () => {
  const users = () => toSessionUsers(catalogue, session, entries, userKey);

  it("knows the users of every scenario, of the session's worlds and of its journal, as each surface stores them", () => {
    const filters = [{ user: 'usr_dee' }, { user: 'usr_gen_1' }, { user: 'made-by-a-flow' }, { user: '019C96A0-0C21-71F9-A487-66A1258278A1' }, {}];
    checkJournalUsers(filters, (index) => `/${index}/user`, users);
    expect(filters).toEqual([{ user: 'usr_dee' }, { user: 'usr_gen_1' }, { user: 'made-by-a-flow' }, { user: '019c96a0-0c21-71f9-a487-66a1258278a1' }, {}]);
  });

  it('refuses an id no user has, at its place, naming the near one', () => {
    expect(() => checkJournalUsers([{ user: 'usr_ada' }, { user: 'usr_bbo' }], (index) => `/${index}/user`, users)).toThrow(
      `/1/user: no user "usr_bbo" in this session's scenarios, worlds or journal (did you mean "usr_bob"?)`,
    );
  });

  it('reads no users when no filter names one', () => {
    let read = 0;
    checkJournalUsers(
      [{}, {}],
      () => '/user',
      () => {
        read++;
        return users();
      },
    );
    expect(read).toBe(0);
  });
});
