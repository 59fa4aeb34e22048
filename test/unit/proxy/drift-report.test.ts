import { describe, expect, it } from 'vitest';
import { createDriftReport, MAX_OTHER_VALUES, toDriftSummary } from '../../../src/proxy/drift-report.js';

/** One exchange of getUserMfaStatus whose statusCode differs from the sandbox's 200 by `upstream`. */
const differingStatus = (upstream: number) => ({
  operation: 'getUserMfaStatus',
  status: 200,
  fromUpstream: true,
  violations: [],
  sandbox: { agreeing: 1, compared: 2, differences: [{ path: 'body.statusCode', outcome: 'differ' as const, upstream, sandbox: 200 }] },
});

describe('the drift report', () => {
  it('keeps each pair of values a field differed by, counted, so a 401 is not read as another 404', () => {
    const drift = createDriftReport('genauth', 'http://127.0.0.1:4801', new Date(Date.UTC(2026, 0, 1)));
    for (const upstream of [404, 401, 404]) drift.add(differingStatus(upstream));
    const [difference] = drift.report().operations[0]!.sandbox!.differences;
    expect(difference).toEqual({
      path: 'body.statusCode',
      outcome: 'differ',
      upstream: 404,
      sandbox: 200,
      count: 3,
      otherValues: [{ upstream: 401, sandbox: 200, count: 1 }],
      firstExchange: 1, // where the first pair was seen: the HAR's first entry
    });
    expect(toDriftSummary(drift.report())).toContain('  differ body.statusCode (x3 in all): upstream 404, sandbox 200; also upstream 401, sandbox 200 (x1)');
  });

  it(`keeps at most ${MAX_OTHER_VALUES} other pairs of one field, still counting every exchange`, () => {
    const drift = createDriftReport('genauth', 'http://127.0.0.1:4801', new Date(Date.UTC(2026, 0, 1)));
    for (const upstream of [400, 401, 403, 404, 429, 500]) drift.add(differingStatus(upstream));
    const [difference] = drift.report().operations[0]!.sandbox!.differences;
    expect(difference!.count).toBe(6);
    expect(difference!.otherValues!.map((values) => values.upstream)).toEqual([401, 403, 404]);
  });

  it('lists an exchange the upstream never answered under its operation, as a proxy fault and no status of the upstream', () => {
    const drift = createDriftReport('nest-auth', 'http://127.0.0.1:2', new Date(Date.UTC(2026, 0, 1)));
    drift.add({ operation: 'getMfaStatus', status: 200, fromUpstream: true, violations: [] });
    drift.add({ operation: 'getMfaStatus', status: 502, fromUpstream: false, violations: [] });
    const report = drift.report();
    expect(report).toMatchObject({ exchanges: 2, proxyFaults: 1, violations: 0 });
    expect(report.operations).toEqual([{ operation: 'getMfaStatus', exchanges: 2, statuses: { '200': 1 }, violations: [], proxyFaults: 1 }]);
    expect(toDriftSummary(report)[0]).toBe('getMfaStatus: 2 exchanges (200 x1, not answered by the upstream x1), 0 spec violations');
  });
});
