import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { toCorruptedBody, toFaultPlan, toSlowBodyPieces } from '../../../src/engine/injected-faults.js';
import { toRequestContext } from '../../../src/pipeline/request-context.js';

/** `text` matched literally inside a regular expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('toFaultPlan', () => {
  it('draws the delay from the range and keeps a fixed one fixed', () => {
    expect(toFaultPlan({ latency: { min: 100, max: 300 } }, undefined, () => 0).delayMs).toBe(100);
    expect(toFaultPlan({ latency: { min: 100, max: 300 } }, undefined, () => 0.5).delayMs).toBe(200);
    expect(toFaultPlan({ latencyMs: 1500 }, undefined, () => 0.9).delayMs).toBe(1500);
    expect(toFaultPlan(undefined, undefined)).toEqual({ delayMs: 0, fault: undefined });
  });

  it("lets the request's settings win over the scenario's, one kind at a time", () => {
    const scenario = { latencyMs: 1500, fault: 'drop-connection' as const };
    expect(toFaultPlan(scenario, { latency: { min: 0, max: 0 } })).toEqual({ delayMs: 0, fault: 'drop-connection' });
    expect(toFaultPlan(scenario, { fault: 'truncated-body' })).toEqual({ delayMs: 1500, fault: 'truncated-body' });
  });

  it('applies a fault to the share of requests its rate asks for', () => {
    const flaky = { fault: 'drop-connection' as const, faultRate: 0.25 };
    expect(toFaultPlan(flaky, undefined, () => 0.2).fault).toBe('drop-connection');
    expect(toFaultPlan(flaky, undefined, () => 0.3).fault).toBeUndefined();
  });
});

describe('slow-body', () => {
  it('takes the latency as the time its body goes out, 3 s without one', () => {
    expect(toFaultPlan({ latencyMs: 1500 }, { fault: 'slow-body' })).toEqual({ delayMs: 1500, fault: 'slow-body' });
    expect(toFaultPlan(undefined, { fault: 'slow-body' })).toEqual({ delayMs: 3000, fault: 'slow-body' });
    // `Prefer: latency=0` turns the time off, as it turns a delay off: the body goes out at once.
    expect(toFaultPlan({ latencyMs: 800, fault: 'slow-body' }, { latencyMs: 0 })).toEqual({ delayMs: 0, fault: 'slow-body' });
  });

  it("delays no request its fault rate skipped with the slow body's latency, but keeps a latency the request asked for", () => {
    const half = { latencyMs: 1000, fault: 'slow-body' as const, faultRate: 0.5 };
    expect(toFaultPlan(half, undefined, () => 0.2)).toEqual({ delayMs: 1000, fault: 'slow-body' });
    expect(toFaultPlan(half, undefined, () => 0.7)).toEqual({ delayMs: 0, fault: undefined });
    expect(toFaultPlan(half, { latencyMs: 300 }, () => 0.7)).toEqual({ delayMs: 300, fault: undefined });
    // Another fault's latency still delays every request (a flaky network's).
    expect(toFaultPlan({ ...half, fault: 'drop-connection' }, undefined, () => 0.7)).toEqual({ delayMs: 1000, fault: undefined });
  });

  it('cuts the body into at most ten pieces, every byte in order, evenly spaced over the time', () => {
    const body = new TextEncoder().encode('{"success":true,"data":{"isEnabled":false}}');
    const { pieces, waitMs } = toSlowBodyPieces(body, 2000);
    expect([pieces.length, waitMs]).toEqual([10, 200]);
    expect(pieces.every((piece) => piece.length > 0)).toBe(true);
    expect(new TextDecoder().decode(Buffer.concat(pieces))).toBe('{"success":true,"data":{"isEnabled":false}}');
    const short = toSlowBodyPieces(new TextEncoder().encode('{}'), 1000);
    expect([short.pieces.map((piece) => new TextDecoder().decode(piece)), short.waitMs]).toEqual([['{', '}'], 500]);
  });
});

describe('toCorruptedBody', () => {
  it('malformed: a trailing comma that no JSON parser accepts', () => {
    expect(toCorruptedBody('{"ok":true}', 'malformed-body')).toBe('{"ok":true,}');
    expect(toCorruptedBody('[1,2]', 'malformed-body')).toBe('[1,2,]');
    expect(() => JSON.parse(toCorruptedBody(undefined, 'malformed-body'))).toThrow(SyntaxError);
  });

  it('truncated: the first half', () => {
    expect(toCorruptedBody('{"ok":true}', 'truncated-body')).toBe('{"ok"');
    expect(() => JSON.parse(toCorruptedBody(undefined, 'truncated-body'))).toThrow(SyntaxError);
  });
});

describe('Prefer: latency / fault', () => {
  it('parses a fixed delay, a range and a fault kind', () => {
    expect(toRequestContext({ prefer: 'latency=250, fault=truncated-body' })).toMatchObject({ latency: { min: 250, max: 250 }, fault: 'truncated-body' });
    expect(toRequestContext({ prefer: 'latency=100-900' }).latency).toEqual({ min: 100, max: 900 });
  });

  it.each(['latency=', 'latency=-5', 'latency=10-', 'latency=500-100', 'latency=60001', 'fault=', 'fault=slow'])('refuses Prefer: %s', (prefer) => {
    expect(() => toRequestContext({ prefer })).toThrow(expect.objectContaining({ code: 'MOCK_ERR_BAD_PREFER_HEADER' }));
  });

  it('says a latency range is upside down rather than that it is no delay', () => {
    expect(() => toRequestContext({ prefer: 'latency=500-100' })).toThrow('Prefer: latency=500-100: the minimum (500) is greater than the maximum (100)');
  });
});

describe('fault settings in scenario files', () => {
  async function load(yaml: string) {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-faults-'));
    await mkdir(join(dir, 'flashback')); // added to the shipped scenarios
    const file = join(dir, 'flashback', 'faulty.yaml');
    await writeFile(file, yaml);
    return { file, definition: loadSandboxDefinition({ ...DEFAULT_CONFIG, scenariosDir: dir, surface: 'flashback' }) };
  }

  it('accepts a fault-only override on every operation (no status needed)', async () => {
    const { definition } = await load(
      'description: x\noverrides:\n  - { operationId: "*", latency: { min: 10, max: 20 }, fault: malformed-body, faultRate: 0.5 }\n',
    );
    const { catalogue } = await definition;
    expect(catalogue.get('flashback')!.get('faulty')!.overrides[0]).toMatchObject({ fault: 'malformed-body', faultRate: 0.5 });
  });

  it.each([
    ['a range upside down', '{ operationId: "*", latency: { min: 900, max: 100 } }', '/overrides/0/latency', 'min (900) is greater than max (100)'],
    ['two latencies', '{ operationId: "*", latencyMs: 5, latency: { min: 1, max: 2 } }', '/overrides/0/latency', 'not both'],
    ['a rate without a fault', '{ operationId: "*", latencyMs: 5, faultRate: 0.5 }', '/overrides/0/faultRate', 'needs a fault'],
    ['an override that does nothing', '{ operationId: getMFAStatus }', '/overrides/0', 'neither an answer'],
    [
      'an unknown fault',
      '{ operationId: "*", fault: explode }',
      '/overrides/0/fault',
      'must be one of: "drop-connection", "connection-reset", "malformed-body", "truncated-body"',
    ],
    ['a latency over a minute', '{ operationId: "*", latencyMs: 60001 }', '/overrides/0/latencyMs', 'must be <= 60000'],
  ])('refuses %s with the file and JSON pointer', async (_what, override, pointer, message) => {
    const { file, definition } = await load(`description: x\noverrides:\n  - ${override}\n`);
    // The file, the line and column of the pointer's target, the pointer.
    await expect(definition).rejects.toThrow(new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: ${escapeRegExp(pointer)}: `));
    await expect(definition).rejects.toThrow(message);
  });
});
