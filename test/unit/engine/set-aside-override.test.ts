import { describe, expect, it } from 'vitest';
import type { ScenarioOverride } from '../../../src/engine/scenario.js';
import { toSetAsideMiss, type RequestPreferences } from '../../../src/engine/set-aside-override.js';

const NOTHING: RequestPreferences = { code: undefined, example: undefined, latency: undefined, fault: undefined };
const override = (fields: Partial<ScenarioOverride>): ScenarioOverride => ({ operationId: 'getMFAStatus', ...fields });

describe('why an override that fitted did not answer', () => {
  it("names the scripted field a request's Prefer code and example replaced, both preferences as asked", () => {
    expect(toSetAsideMiss(override({ example: 'notEnabled' }), { ...NOTHING, code: 500, example: 'getStatusError' })).toEqual({
      pointer: '/example',
      expected: 'notEnabled',
      received: 'Prefer: code=500, example=getStatusError',
    });
    expect(toSetAsideMiss(override({ body: { b: 1, a: 'x'.repeat(300) } }), { ...NOTHING, code: 500 })).toMatchObject({
      pointer: '/body',
      expected: expect.stringMatching(/^\{"a":"x{190,}…$/),
    });
  });

  it('names the part that would have made the answer: a body over an example, an example over its status', () => {
    const prefer = { ...NOTHING, example: 'notEnabled' };
    expect(toSetAsideMiss(override({ status: 200, example: 'documented' }), prefer)).toMatchObject({ pointer: '/example', expected: 'documented' });
    expect(toSetAsideMiss(override({ status: 200, example: 'documented', body: { success: true } }), prefer)).toMatchObject({ pointer: '/body' });
    expect(toSetAsideMiss(override({ status: 500 }), prefer)).toEqual({ pointer: '/status', expected: '500', received: 'Prefer: example=notEnabled' });
  });

  it('is silent when no preference of the request explains it (its credentials were refused: the explanation says so)', () => {
    expect(toSetAsideMiss(override({ status: 500 }), { ...NOTHING, latency: { min: 0, max: 0 } })).toBeUndefined();
  });

  it('is silent for an override with response headers: they apply to every answer, so it always answers', () => {
    expect(toSetAsideMiss(override({ latencyMs: 300, headers: { 'Retry-After': '1' } }), { ...NOTHING, latency: { min: 0, max: 0 } })).toBeUndefined();
  });

  it('names the delay first, then the fault, and a fault rate that drew none', () => {
    const both = override({ latency: { min: 100, max: 300 }, fault: 'drop-connection' });
    expect(toSetAsideMiss(both, { ...NOTHING, latency: { min: 5, max: 5 }, fault: 'truncated-body' })).toEqual({
      pointer: '/latency',
      expected: '100-300 ms',
      received: 'Prefer: latency=5',
    });
    expect(toSetAsideMiss(override({ fault: 'drop-connection' }), { ...NOTHING, fault: 'truncated-body' })).toEqual({
      pointer: '/fault',
      expected: 'drop-connection',
      received: 'Prefer: fault=truncated-body',
    });
    expect(toSetAsideMiss(override({ fault: 'connection-reset', faultRate: 0.125 }), NOTHING)).toEqual({
      pointer: '/faultRate',
      expected: 'connection-reset in 12.5 % of requests',
      received: 'none drawn for this request',
    });
  });
});
