import { describe, expect, it } from 'vitest';
import { toConditionMiss } from '../../../src/engine/condition-miss.js';
import { fitsConditions, type OverrideConditions, type RequestParts } from '../../../src/engine/override-conditions.js';
import { findOverrideMisses } from '../../../src/engine/override-misses.js';
import type { Scenario, ScenarioOverride } from '../../../src/engine/scenario.js';
import type { SessionOverride } from '../../../src/engine/session-overrides.js';

const REQUEST: RequestParts = {
  params: { id: 'usr_01' },
  query: { userId: 'u-1', tag: ['a', 'b'], page: 2 },
  headers: { authorization: 'Bearer ada', 'x-client': 'android' },
  body: { mfaType: 'GOOGLE_AUTH', code: '123456', device: { name: 'Pixel', os: 'android' }, methods: ['totp'] },
};

describe('the first condition an override missed', () => {
  it('names where in the when, what it wanted and what the request had', () => {
    expect(toConditionMiss({ headers: { Authorization: 'Bearer bob' } }, REQUEST)).toEqual({
      pointer: '/when/headers/Authorization',
      expected: 'Bearer bob',
      received: 'Bearer ada',
    });
    expect(toConditionMiss({ params: { id: 'usr_02' } }, REQUEST)).toEqual({ pointer: '/when/params/id', expected: 'usr_02', received: 'usr_01' });
    // A repeated query parameter shows every value; a number the parser made is shown as the URL had it.
    expect(toConditionMiss({ query: { tag: 'c' } }, REQUEST)).toEqual({ pointer: '/when/query/tag', expected: 'c', received: 'a, b' });
    expect(toConditionMiss({ query: { page: '3' } }, REQUEST)).toEqual({ pointer: '/when/query/page', expected: '3', received: '2' });
    expect(toConditionMiss({ headers: { 'x-tenant': 'acme' } }, REQUEST)).toEqual({ pointer: '/when/headers/x-tenant', expected: 'acme' });
  });

  it('follows the body down to the field that differs or is missing', () => {
    expect(toConditionMiss({ body: { code: '000000' } }, REQUEST)).toEqual({ pointer: '/when/body/code', expected: '"000000"', received: '"123456"' });
    expect(toConditionMiss({ body: { device: { os: 'ios' } } }, REQUEST)).toEqual({
      pointer: '/when/body/device/os',
      expected: '"ios"',
      received: '"android"',
    });
    expect(toConditionMiss({ body: { device: { model: 'x' } } }, REQUEST)).toEqual({ pointer: '/when/body/device/model', expected: '"x"' });
    expect(toConditionMiss({ body: { methods: ['totp', 'email'] } }, REQUEST)).toEqual({
      pointer: '/when/body/methods',
      expected: '["totp","email"]',
      received: '["totp"]',
    });
    expect(toConditionMiss({ body: { code: '000000' } }, { ...REQUEST, body: undefined })).toEqual({ pointer: '/when/body', expected: '{"code":"000000"}' });
    // A body that arrived but is not JSON is named as such, not as no body.
    expect(toConditionMiss({ body: { code: '000000' } }, { ...REQUEST, body: undefined, bodyProblem: 'Unexpected end of JSON input' })).toEqual({
      pointer: '/when/body',
      expected: '{"code":"000000"}',
      received: '(not JSON: Unexpected end of JSON input)',
    });
    expect(toConditionMiss({ body: { 'a/b~c': 1 } }, { ...REQUEST, body: { 'a/b~c': 2 } })).toMatchObject({ pointer: '/when/body/a~1b~0c' });
  });

  it('reports the first part in the order they are checked, and cuts long values', () => {
    expect(toConditionMiss({ headers: { authorization: 'x' }, params: { id: 'y' } }, REQUEST)?.pointer).toBe('/when/params/id');
    const long = 'x'.repeat(500);
    const miss = toConditionMiss({ headers: { authorization: long } }, REQUEST);
    expect(miss?.expected).toHaveLength(200);
    expect(miss?.expected.endsWith('…')).toBe(true);
  });

  it('misses exactly when the override does not fit', () => {
    const conditions: OverrideConditions[] = [
      { params: { id: 'usr_01' } },
      { params: { id: 'USR_01' } },
      { query: { tag: 'b' } },
      { query: { page: '2' } },
      { query: { missing: 'x' } },
      { headers: { 'X-Client': 'android' } },
      { headers: { authorization: 'bearer ada' } },
      { body: { device: { os: 'android' } } },
      { body: { methods: ['totp'] } },
      { body: { methods: 'totp' } },
      { body: {} },
      { params: { id: 'usr_01' }, body: { code: '123456' }, headers: { authorization: 'Bearer ada' } },
    ];
    for (const when of conditions) {
      for (const request of [REQUEST, { ...REQUEST, body: 'text' }, { ...REQUEST, body: undefined }]) {
        expect(toConditionMiss(when, request) === undefined, JSON.stringify({ when, body: request.body })).toBe(fitsConditions(when, request));
      }
    }
  });
});

describe('the overrides a request missed', () => {
  const scenario = (overrides: ScenarioOverride[]): Scenario => ({ name: 'qa', overrides }) as unknown as Scenario;
  const sessionOverride = (id: string, fields: Partial<SessionOverride>): SessionOverride => ({
    id,
    surface: 'flashback',
    operationId: 'getMFAStatus',
    used: 0,
    createdAt: '2026-12-05T00:00:00.000Z',
    ...fields,
  });
  const bob = { headers: { authorization: 'Bearer bob' } };
  const lookup = { surface: 'flashback', operationId: 'getMFAStatus', request: REQUEST };

  it('lists them in the order they are tried, up to the one that answered', () => {
    const fromFile = scenario([
      { operationId: '*', when: { headers: { 'x-client': 'ios' } } },
      { operationId: 'getMFAStatus', when: { query: { userId: 'u-2' } } },
      { operationId: 'getMFAStatus' },
    ]);
    const session = [
      sessionOverride('ov-1', { when: bob }),
      sessionOverride('ov-2', { operationId: '*', when: { body: { code: '000000' } } }),
      sessionOverride('ov-3', { when: bob, times: 1, used: 1 }), // used up, and not for this request either
      sessionOverride('ov-4', { surface: 'lerian', when: bob }), // another surface
      sessionOverride('ov-5', { when: { params: { id: 'usr_09' } } }),
    ];
    const answered = fromFile.overrides[2];
    const misses = findOverrideMisses({ ...lookup, session, scenario: fromFile, answered });
    expect(misses.map((miss) => `${miss.override} ${miss.pointer}`)).toEqual([
      'ov-5 /when/params/id',
      'ov-3 /when/headers/authorization',
      'ov-1 /when/headers/authorization',
      'ov-2 /when/body/code',
      'qa#/overrides/1 /when/query/userId',
    ]);
    // With nothing answering, the scenario's `*` one is tried too, beyond the five kept.
    expect(findOverrideMisses({ ...lookup, session, scenario: scenario(fromFile.overrides.slice(0, 2)), answered: undefined })).toHaveLength(5);
    // The one that answered first: nothing was tried before it.
    expect(findOverrideMisses({ ...lookup, session, scenario: fromFile, answered: session[4] })).toEqual([]);
  });

  it('names a used-up override by the condition the request missed, or, when it fitted (it would have answered), at /times', () => {
    const ada = { headers: { authorization: 'Bearer ada' } };
    const session = [
      sessionOverride('ov-1', { times: 2, used: 2 }),
      sessionOverride('ov-2', { when: ada, times: 1, used: 1 }),
      sessionOverride('ov-3', { when: bob, times: 1, used: 1 }), // Bob's: Ada's request misses it as before it was used up
      sessionOverride('ov-4', { when: ada, times: 3, used: 1 }), // still answers
    ];
    expect(findOverrideMisses({ ...lookup, session, scenario: scenario([]), answered: undefined })).toEqual([
      { override: 'ov-3', pointer: '/when/headers/authorization', expected: 'Bearer bob', received: 'Bearer ada' },
      { override: 'ov-2', pointer: '/times', expected: 'at most 1 answer', received: '1 answer given' },
      { override: 'ov-1', pointer: '/times', expected: 'at most 2 answers', received: '2 answers given' },
    ]);
    // Tried in order: the active ov-4 answers before the used-up ones are reached.
    expect(findOverrideMisses({ ...lookup, session, scenario: scenario([]), answered: session[3] })).toEqual([]);
  });

  it('keeps five', () => {
    const session = Array.from({ length: 9 }, (_, index) => sessionOverride(`ov-${index + 1}`, { when: bob }));
    const misses = findOverrideMisses({ ...lookup, session, scenario: scenario([]), answered: undefined });
    expect(misses.map((miss) => miss.override)).toEqual(['ov-9', 'ov-8', 'ov-7', 'ov-6', 'ov-5']);
  });
});
