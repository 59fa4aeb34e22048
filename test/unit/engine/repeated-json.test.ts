import fc from 'fast-check';
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

  it('stays right for a route whose answers differ every time in more than a value, and reuses again once they repeat', () => {
    const answers = new RepeatedJson();
    // A key of its own in each answer: no text cut at a value fits the next one.
    for (let id = 0; id < 200; id++) expect(answers.stringify({ [`request${id}`]: id, ok: true })).toBe(`{"request${id}":${id},"ok":true}`);
    // Once its answers settle, the route reuses texts again (within the pause it stops comparing for).
    const stringify = vi.spyOn(JSON, 'stringify');
    for (let i = 0; i < 100; i++) answers.stringify({ requestId: 'settled', ok: true });
    expect(stringify.mock.calls.length).toBeLessThan(100);
  });

  it('writes only the fresh values of answers that differ from the last ones in those alone', () => {
    const answers = new RepeatedJson();
    const envelope = (requestId: string, mfaToken: string) => ({
      statusCode: 200,
      message: '',
      requestId,
      data: { mfaToken, mfaEmail: null, faceMfaEnabled: false, note: 'quote " and \u2028' },
    });
    answers.stringify(envelope('r1', 't1'));
    answers.stringify(envelope('r2', 't2'));
    const stringify = vi.spyOn(JSON, 'stringify');
    const text = answers.stringify(envelope('r\u00e9"3', 't3'));
    // Only the two fresh values were written: the rest of the text is the last answer's.
    expect(stringify.mock.calls.map(([value]) => value)).toEqual(['r\u00e9"3', 't3']);
    stringify.mockRestore();
    expect(text).toBe(JSON.stringify(envelope('r\u00e9"3', 't3')));
  });

  it('leaves a value open for any JSON primitive, and no more', () => {
    const answers = new RepeatedJson();
    answers.stringify({ id: 'a', n: 1 });
    answers.stringify({ id: 'b', n: 1 });
    expect(answers.stringify({ id: 7, n: 1 })).toBe('{"id":7,"n":1}');
    expect(answers.stringify({ id: null, n: 1 })).toBe('{"id":null,"n":1}');
    expect(answers.stringify({ id: { nested: 'c' }, n: 1 })).toBe('{"id":{"nested":"c"},"n":1}');
    expect(answers.stringify({ id: 'd', n: Number.NaN })).toBe('{"id":"d","n":null}');
    expect(answers.stringify({ id: 'e', n: 2 })).toBe('{"id":"e","n":2}');
  });

  it('writes what JSON.stringify writes after any run of answers', () => {
    // Small values of a few shapes whose leaves change, so runs of them form, widen and break the cut texts.
    const leaf = fc.oneof(fc.constantFrom('a', 'b', '"', '\u2028', ''), fc.constantFrom(0, -0, 1, Number.NaN, 1e21), fc.boolean(), fc.constant(null));
    const answer = fc.oneof(
      fc.record({ id: leaf, ok: leaf }),
      fc.record({ id: leaf, data: fc.record({ token: leaf, list: fc.array(leaf, { maxLength: 2 }) }) }),
      fc.tuple(leaf, leaf),
      leaf,
    );
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 12 }), (run) => {
        const answers = new RepeatedJson();
        for (const value of run) expect(answers.stringify(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });
});
