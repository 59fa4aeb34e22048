import { describe, expect, it } from 'vitest';
import { startProcessGroup } from '../../harness/process-group.js';

/** Keep this process's event loop from running for `ms`, as a busy test runner can. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // nothing: the point is that no I/O callback runs meanwhile
  }
}

describe('startProcessGroup', () => {
  it('has read everything a process wrote by the time it is reported gone', async () => {
    // The child writes and exits while this process cannot read its pipe: /proc then shows nobody left, and the line is
    // still in the pipe. (A server's last line, written at exit, went missing from a test this way.)
    const group = startProcessGroup(process.execPath, ['-e', "process.stderr.write('last words\\n')"], { cwd: process.cwd() });
    blockEventLoop(1_500);
    expect(await group.waitUntilGone(10_000)).toBe(true);
    expect(group.output()).toBe('last words\n');
  });
});
