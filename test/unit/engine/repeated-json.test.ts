import { afterEach, describe, expect, it, vi } from 'vitest';
import { RepeatedJson } from '../../../src/engine/repeated-json.js';

/** Values whose JSON texts differ from each other only in the detail each one changes. */
const NEIGHBOURS: unknown[] = [
  { success: true, data: { isEnabled: true, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'] } },
  { success: true, data: { isEnabled: false, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'] } },
  { success: true, data: { enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], isEnabled: true } },
  { success: true, data: { isEnabled: true, enabledMethods: ['GOOGLE_AUTH'] } },
  { success: true, data: { isEnabled: true, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY', undefined] } },
  { success: true, data: { isEnabled: true, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], note: undefined } },
  { success: true, data: { isEnabled: true, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], note: null } },
  { success: true, data: { isEnabled: true, enabledMethods: { 0: 'GOOGLE_AUTH', 1: 'PASSKEY' } } },
  { success: true, data: { isEnabled: 1, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'] } },
  { success: true, data: { isEnabled: 'true', enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'] } },
  { success: true, data: {} },
  { success: true, data: [] },
  { success: true, data: null },
  { success: true },
  { count: 0 },
  { count: -0 },
  { count: Number.NaN },
  { count: 1e21 },
  { at: new Date(0) },
  { at: '1970-01-01T00:00:00.000Z' },
  { 2: 'b', 1: 'a', z: 'z' },
  { mfa: true, sms: true },
  { sms: true, mfa: true },
  Object.assign(Object.create(null) as object, { plain: 'no prototype' }),
  { toJSON: () => 'replaced' },
  ['a', ['b', ['c']]],
  ['a', ['b', 'c']],
  'text',
  42,
  true,
  null,
];

function hasFunction(value: unknown): boolean {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && Object.values(value).some(hasFunction));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RepeatedJson', () => {
  it('writes what JSON.stringify writes, whatever came before', () => {
    // Every value after every other (and after itself): a reused text would show up as the previous value's JSON.
    for (const previous of NEIGHBOURS) {
      for (const value of NEIGHBOURS) {
        const answers = new RepeatedJson();
        answers.stringify(previous);
        expect(answers.stringify(value)).toBe(JSON.stringify(value));
        // An equal value built anew, as a handler builds each answer (one holding a function is not clonable).
        if (!hasFunction(value)) expect(answers.stringify(structuredClone(value))).toBe(JSON.stringify(value));
      }
    }
  });

  it('does not serialise an answer equal to the last one again', () => {
    const answers = new RepeatedJson();
    const body = () => ({ success: true, data: { isEnabled: true, enabledMethods: ['GOOGLE_AUTH'], primaryMethod: 'GOOGLE_AUTH' } });
    answers.stringify(body());
    const stringify = vi.spyOn(JSON, 'stringify');
    expect(answers.stringify(body())).toBe(JSON.stringify(body()));
    expect(stringify).toHaveBeenCalledTimes(1); // the expectation's own call
  });

  it('serialises anew whatever JSON writes by more than its data (a Date, a toJSON)', () => {
    const answers = new RepeatedJson();
    const at = new Date(0);
    answers.stringify({ at });
    at.setTime(1000);
    expect(answers.stringify({ at })).toBe('{"at":"1970-01-01T00:00:01.000Z"}');
  });

  it('sees a value changed in place since the last answer', () => {
    const answers = new RepeatedJson();
    const world = { user: { mfaEnabled: false, methods: ['EMAIL'] } };
    answers.stringify(world);
    world.user.mfaEnabled = true;
    world.user.methods.push('TOTP');
    expect(answers.stringify(world)).toBe('{"user":{"mfaEnabled":true,"methods":["EMAIL","TOTP"]}}');
  });

  it('stays right for a route whose answers differ every time, and reuses again once they repeat', () => {
    const answers = new RepeatedJson();
    for (let id = 0; id < 200; id++) expect(answers.stringify({ requestId: id, ok: true })).toBe(`{"requestId":${id},"ok":true}`);
    // Once its answers settle, the route reuses texts again (within the pause it stops comparing for).
    const stringify = vi.spyOn(JSON, 'stringify');
    for (let i = 0; i < 100; i++) answers.stringify({ requestId: 'settled', ok: true });
    expect(stringify.mock.calls.length).toBeLessThan(100);
  });
});
