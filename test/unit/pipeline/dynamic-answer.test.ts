import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../../src/openapi/to-route-definitions.js';
import {
  anchorGeneratedDates,
  deriveDynamicSeed,
  DYNAMIC_ATTEMPTS,
  overlayStateAnswer,
  toDynamicResult,
  type DynamicRequest,
} from '../../../src/pipeline/dynamic-answer.js';

const DEVICE = {
  type: 'object',
  required: ['id', 'name', 'method', 'verified'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    method: { enum: ['totp', 'sms'] },
    verified: { type: 'boolean' },
    link: { type: 'string', format: 'uri' },
    note: { type: 'string' },
    addedAt: { type: 'string', format: 'date-time' },
    primary: { enum: ['totp', 'sms'] },
    uses: { type: 'integer' },
  },
};
const LIST = { type: 'object', required: ['devices'], properties: { devices: { type: 'array', items: DEVICE } } };
const STATE = { devices: [{ id: 'dev-1', name: 'Work laptop', method: 'totp', verified: true, link: 'https://example.test/d/1' }] };

const ROUTE = {
  operationId: 'listDevices',
  responses: new Map([[200, { status: 200, schema: LIST, examples: new Map(), canonicalExample: undefined }]]),
} as unknown as RouteDefinition;
const INPUTS = { surface: 'nest-auth', operationId: 'listDevices', params: {}, query: {} };
/** A session clock frozen at the start of 2030, as QA sets one. */
const NOW_MS = Date.parse('2030-01-01T00:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function request(overrides: Partial<DynamicRequest> = {}): DynamicRequest {
  return { route: ROUTE, inputs: INPUTS, result: { status: 200, body: structuredClone(STATE) }, seed: 1, nowMs: NOW_MS, violations: () => [], ...overrides };
}

describe('deriveDynamicSeed', () => {
  it('is the same for the same inputs, whatever the order of query keys, and differs when any input does', () => {
    const base = deriveDynamicSeed(7, { ...INPUTS, query: { a: '1', b: '2' } }, 200, 0);
    expect(deriveDynamicSeed(7, { ...INPUTS, query: { b: '2', a: '1' } }, 200, 0)).toBe(base);
    const others = [
      deriveDynamicSeed(8, { ...INPUTS, query: { a: '1', b: '2' } }, 200, 0),
      deriveDynamicSeed(7, { ...INPUTS, operationId: 'other', query: { a: '1', b: '2' } }, 200, 0),
      deriveDynamicSeed(7, { ...INPUTS, query: { a: '1', b: '2' } }, 404, 0),
      deriveDynamicSeed(7, { ...INPUTS, query: { a: '1', b: '2' } }, 200, 1),
      deriveDynamicSeed(7, { ...INPUTS, params: { id: 'x' }, query: { a: '1', b: '2' } }, 200, 0),
    ];
    for (const other of others) expect(other).not.toBe(base);
    expect(Number.isInteger(base) && base >= 0 && base < 2 ** 32).toBe(true);
  });
});

describe('overlayStateAnswer', () => {
  const generated = {
    devices: [
      {
        id: 'gen',
        name: 'Generated name',
        email: 'x@y.test',
        method: 'sms',
        verified: false,
        link: 'https://gen.test',
        note: 'extra',
        primary: 'sms',
        uses: 3,
      },
    ],
    more: 1,
  };

  it("keeps the state's facts, its list length and the absence of a field that is not text, and varies free text", () => {
    const merged = overlayStateAnswer(generated, STATE, LIST);
    expect(merged).toEqual({
      devices: [{ id: 'dev-1', name: 'Generated name', method: 'totp', verified: true, link: 'https://example.test/d/1', note: 'extra' }],
    });
  });

  it("keeps addresses and account names as facts: the user's e-mail and phone, an authenticator's issuer and account", () => {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(
        ['email', 'mfaEmail', 'phone', 'mfaPhone', 'issuer', 'account', 'username', 'nickname'].map((name) => [name, { type: 'string' }]),
      ),
    };
    const state = {
      email: 'ada@example.com',
      mfaEmail: 'ada@example.com',
      phone: '5550100',
      mfaPhone: '5550100',
      issuer: 'Nest Auth',
      account: 'ada@example.com',
      username: 'ada',
      nickname: 'Ada',
    };
    const generated = Object.fromEntries(Object.keys(state).map((name) => [name, '5e1fU']));
    expect(overlayStateAnswer(generated, state, schema)).toEqual({ ...state, nickname: '5e1fU' });
    // An address the answer leaves out is not made up either (format email, whatever the field's name).
    expect(overlayStateAnswer({ contact: 'x@y.test' }, {}, { type: 'object', properties: { contact: { type: 'string', format: 'email' } } })).toEqual({});
  });

  it('with stateFieldsOnly, adds no field the state lacks', () => {
    const merged = overlayStateAnswer(generated, STATE, LIST, { stateFieldsOnly: true });
    expect(merged).toEqual({ devices: [{ id: 'dev-1', name: 'Generated name', method: 'totp', verified: true, link: 'https://example.test/d/1' }] });
  });

  it('keeps a string whose schema is unknown', () => {
    expect(overlayStateAnswer({ name: 'b' }, { name: 'a' }, { type: 'object' })).toEqual({ name: 'a' });
  });
});

describe('anchorGeneratedDates', () => {
  const schema = {
    type: 'object',
    properties: { at: { type: 'string', format: 'date-time' }, on: { type: 'string', format: 'date' }, label: { type: 'string' } },
  };

  it('moves date-time and date strings before now, the same for the same seed, and leaves other strings', () => {
    const generated = { at: '2071-05-02T01:02:03Z', on: '1999-12-31', label: '2071-05-02T01:02:03Z' };
    const anchored = anchorGeneratedDates(generated, schema, NOW_MS, 5) as typeof generated;
    expect(anchored.label).toBe(generated.label);
    expect(Date.parse(anchored.at)).toBeLessThanOrEqual(NOW_MS);
    expect(Date.parse(anchored.at)).toBeGreaterThan(NOW_MS - 90 * DAY_MS);
    expect(anchored.on).toMatch(/^20(29|30)-\d{2}-\d{2}$/);
    expect(anchorGeneratedDates(generated, schema, NOW_MS, 5)).toEqual(anchored);
    expect((anchorGeneratedDates(generated, schema, NOW_MS, 6) as typeof generated).at).not.toBe(anchored.at);
  });

  it("dates a list's items newest first, and an object's created date before its other dates", () => {
    const device = { type: 'object', properties: { createdAt: { type: 'string', format: 'date-time' }, lastUsedAt: { type: 'string', format: 'date-time' } } };
    const list = { type: 'array', items: device };
    for (let seed = 0; seed < 40; seed++) {
      const made = Array.from({ length: 4 }, () => ({ createdAt: '2071-01-01T00:00:00Z', lastUsedAt: '1999-01-01T00:00:00Z' }));
      const anchored = anchorGeneratedDates(made, list, NOW_MS, seed) as Array<{ createdAt: string; lastUsedAt: string }>;
      for (const [index, item] of anchored.entries()) {
        expect(item.createdAt <= item.lastUsedAt, `seed ${seed}: ${JSON.stringify(item)}`).toBe(true);
        const next = anchored[index + 1];
        if (next) expect(next.lastUsedAt < item.createdAt, `seed ${seed}: item ${index + 1} is older than item ${index}`).toBe(true);
      }
    }
  });

  it('dates a null where a date may be (the state decides whether its null stays), and leaves a value whose schema is unknown', () => {
    const anchored = anchorGeneratedDates({ at: null, label: null, other: '2071-01-01' }, schema, NOW_MS, 1) as Record<string, string | null>;
    expect([anchored.label, anchored.other]).toEqual([null, '2071-01-01']);
    expect(Date.parse(anchored.at!)).toBeLessThanOrEqual(NOW_MS);
    expect(Date.parse(anchored.at!)).toBeGreaterThan(NOW_MS - 90 * DAY_MS);
  });
});

describe('toDynamicResult', () => {
  it('generates a body, deterministic per seed, and says so', async () => {
    const first = await toDynamicResult(request());
    expect(first.headers).toEqual({ 'x-mock-dynamic': 'generated', 'x-mock-dynamic-seed': '1' });
    expect((first.body as typeof STATE).devices[0]).toMatchObject({ id: 'dev-1', method: 'totp', verified: true });
    expect(await toDynamicResult(request())).toEqual(first);
    // Once loaded, json-schema-faker answers synchronously: no promise on later dynamic requests.
    expect(toDynamicResult(request())).not.toBeInstanceOf(Promise);
  });

  it("falls back to the state's answer after DYNAMIC_ATTEMPTS bodies the spec refuses, and says so", async () => {
    let checks = 0;
    const fallback = await toDynamicResult(request({ violations: () => [`refused ${++checks}`] }));
    expect(fallback).toEqual({ status: 200, body: STATE, headers: { 'x-mock-dynamic': 'fallback', 'x-mock-dynamic-seed': '1' } });
    expect(checks).toBe(DYNAMIC_ATTEMPTS * 2); // each seed: the full overlay, then the state's fields only
  });

  it("dates the devices it generates in the 90 days before the session clock's day, each its own", async () => {
    const three = { devices: ['dev-1', 'dev-2', 'dev-3'].map((id) => ({ id, name: 'Work laptop', method: 'totp', verified: true })) };
    const dates: string[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const { body } = await toDynamicResult(request({ seed, result: { status: 200, body: structuredClone(three) } }));
      for (const device of (body as { devices: Array<{ addedAt?: string }> }).devices) if (device.addedAt) dates.push(device.addedAt);
    }
    expect(dates.length).toBeGreaterThan(10);
    for (const date of dates) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(date)).toBeLessThanOrEqual(NOW_MS);
      expect(Date.parse(date)).toBeGreaterThan(NOW_MS - 90 * DAY_MS);
    }
    expect(new Set(dates).size).toBe(dates.length);
  });

  it("gives each item of the state's list generated text of its own, not one generated item's text for all", async () => {
    const five = { devices: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: 'Work laptop', method: 'totp', verified: true })) };
    for (let seed = 0; seed < 10; seed++) {
      const { body } = await toDynamicResult(request({ seed, result: { status: 200, body: structuredClone(five) } }));
      const names = (body as typeof five).devices.map((device) => device.name);
      expect(names).toHaveLength(5);
      expect(new Set(names).size, names.join(', ')).toBeGreaterThan(3);
    }
  });

  it('sends a body-less answer as it is', async () => {
    expect(await toDynamicResult(request({ result: { status: 204 } }))).toEqual({
      status: 204,
      headers: { 'x-mock-dynamic': 'fallback', 'x-mock-dynamic-seed': '1' },
    });
  });
});
