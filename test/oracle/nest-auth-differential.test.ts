import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { runFlow, toMarkdown, type StepRecord } from './differential.js';
import { flows } from './nest-auth-flows.js';
import { startNestAuthOracle, type NestAuthOracle } from './nest-auth-oracle.js';

/**
 * Differential test (issue 12 item 1): every flow runs with identical requests against the REAL published
 * @ackplus/nest-auth 2.11.1 server (a NestJS 11 app on sql.js, started as a child process) and against the mock's
 * nest-auth surface; any difference (the real answer against the spec, the status, any body field) that is not in NEST_AUTH_ACCEPTED fails.
 *
 * The flows take ~20 s (two of them wait a second so sql.js timestamps do not tie); the oracle starts in ~2-4 s.
 * `NEST_AUTH_DIFF_REPORT=<file>` writes the full markdown report (every difference, both answers of each step).
 */

let oracle: NestAuthOracle;
let sandbox: RunningSandbox;
const records: StepRecord[] = [];

beforeAll(async () => {
  // NEST_AUTH_ORACLE_GLOBAL_FILTER=0 runs the oracle without the vendor's AuthExceptionFilter registered globally.
  const globalFilter = process.env.NEST_AUTH_ORACLE_GLOBAL_FILTER !== '0';
  [oracle, sandbox] = await Promise.all([startNestAuthOracle({ globalFilter }), createSandbox({ surface: 'nest-auth' })]);
}, 90_000);

afterAll(async () => {
  if (process.env.NEST_AUTH_DIFF_REPORT) writeFileSync(process.env.NEST_AUTH_DIFF_REPORT, `${toMarkdown(records)}\n`);
  await Promise.all([oracle?.stop(), sandbox?.close()]);
});

describe('nest-auth: the real 2.11.1 server vs the mock', () => {
  it('the oracle is the real server and started', () => {
    expect(oracle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    console.log(`nest-auth oracle (pid ${oracle.pid}) ready in ${oracle.startupMs} ms`);
  });

  for (const flow of flows) {
    it(`${flow.name}: ${flow.description}`, async () => {
      const flowRecords = await runFlow({ oracle, sandbox }, flow);
      records.push(...flowRecords);
      const unexpected = flowRecords.flatMap((entry) => entry.differences).filter((difference) => difference.accepted === undefined);
      expect(unexpected, toMarkdown(flowRecords)).toEqual([]);
    }, 120_000);
  }
});
