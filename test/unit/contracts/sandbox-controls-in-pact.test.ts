import { describe, expect, it } from 'vitest';
import { checkSandboxControls } from '../../../src/contracts/sandbox-controls-in-pact.js';

/** A pact of one V4 interaction per set of request headers, described by its index. */
function pactWith(...headerSets: Array<Record<string, unknown>>) {
  return {
    interactions: headerSets.map((headers, index) => ({
      type: 'Synchronous/HTTP',
      description: `interaction ${index}`,
      request: { method: 'GET', path: '/mfa/status', headers },
      response: { status: 200 },
    })),
  };
}

describe('checkSandboxControls', () => {
  it('names every control that scripts the answer, where the pact recorded it', () => {
    const problems = checkSandboxControls(pactWith({ Authorization: 'Bearer t' }, { PREFER: ['code=500, example=getStatusError', 'fault=malformed-body'] }));
    expect(problems).toEqual([
      {
        code: 'request.header.sandbox-control',
        message: expect.stringMatching(
          /^Prefer: code=500, Prefer: example=getStatusError, Prefer: fault=malformed-body scripts the sandbox's answer, and the vendor ignores it/,
        ),
        interaction: 'interaction 1',
        location: '[root].interactions[1].request.headers',
      },
    ]);
  });

  it('a scenario chosen by Prefer or by baggage scripts it too, and so does a generated answer', () => {
    const problems = checkSandboxControls(pactWith({ prefer: 'scenario=org-enforced' }, { baggage: 'mock-scenario=server-error' }, { Prefer: 'dynamic=true' }));
    expect(problems.map((problem) => problem.message.split(' scripts')[0])).toEqual([
      'Prefer: scenario=org-enforced',
      'the baggage naming scenario server-error',
      'Prefer: dynamic=true',
    ]);
  });

  it('passes the controls that change no answer, and requests without headers', () => {
    const pact = pactWith({ Prefer: 'latency=5, explain' }, { 'X-Mock-Session': 'qa-1' }, { Prefer: 'dynamic=false' });
    expect(checkSandboxControls({ interactions: [...pact.interactions, { description: 'no headers', request: { method: 'GET', path: '/' } }] })).toEqual([]);
    expect(checkSandboxControls({})).toEqual([]);
  });

  it('an unreadable control fails too: the mock answers it with a fault no vendor sends', () => {
    const [problem] = checkSandboxControls(pactWith({ Prefer: 'code=abc' }));
    expect(problem!.message).toMatch(/^an unreadable sandbox control \(Prefer: code=abc/);
  });
});
