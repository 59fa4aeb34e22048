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

  it("Prism's query forms script it too, in a V2 query string or a V3/V4 list of values, located in the query", () => {
    const pact = pactWith({});
    pact.interactions[0]!.request = { method: 'GET', path: '/mfa/status', headers: {}, query: '__code=500&userId=u1' } as never;
    const v4 = pactWith({}).interactions[0]!;
    v4.request = { method: 'GET', path: '/mfa/status', headers: { Prefer: 'code=401' }, query: { __example: ['unauthorized'], __dynamic: ['true'] } } as never;
    const plain = pactWith({}).interactions[0]!;
    plain.request = { method: 'GET', path: '/mfa/status', headers: {}, query: { code: ['500'] } } as never;
    const problems = checkSandboxControls({ interactions: [pact.interactions[0], { ...v4, description: 'v4' }, { ...plain, description: 'plain' }] });
    expect(problems.map(({ code, message, location }) => [code, message.split(' scripts')[0], location])).toEqual([
      ['request.query.sandbox-control', '?__code=500', '[root].interactions[0].request.query'],
      ['request.header.sandbox-control', 'Prefer: code=401', '[root].interactions[1].request.headers'],
      ['request.query.sandbox-control', '?__example=unauthorized, ?__dynamic=true', '[root].interactions[1].request.query'],
    ]);
    expect(checkSandboxControls({ interactions: [{ request: { method: 'GET', path: '/', query: '__code=abc' } }] })[0]!.message).toMatch(
      /^an unreadable sandbox control \(\?__code=abc is not an HTTP status\)/,
    );
  });

  it('an unreadable control fails too: the mock answers it with a fault no vendor sends', () => {
    const [problem] = checkSandboxControls(pactWith({ Prefer: 'code=abc' }));
    expect(problem!.message).toMatch(/^an unreadable sandbox control \(Prefer: code=abc/);
  });
});
