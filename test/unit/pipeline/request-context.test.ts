import { describe, expect, it } from 'vitest';
import { SandboxError } from '../../../src/errors.js';
import { toRequestContext } from '../../../src/pipeline/request-context.js';

describe('toRequestContext', () => {
  it('defaults to the default session and no preferences', () => {
    expect(toRequestContext({})).toEqual({ sessionId: 'default', sessionFrom: 'default', scenario: undefined, code: undefined, example: undefined });
  });

  it('reads the session header and every Prefer token, ignoring unknown preferences', () => {
    expect(toRequestContext({ 'x-mock-session': 'qa-7', prefer: 'return=minimal, scenario=org-enforced, code=403, example="enforcedByOrganization"' })).toEqual(
      {
        sessionId: 'qa-7',
        sessionFrom: 'header',
        scenario: 'org-enforced',
        scenarioFrom: 'prefer',
        code: 403,
        example: 'enforcedByOrganization',
      },
    );
  });

  it('drops RFC 7240 parameters after ";" and keeps the preference', () => {
    expect(toRequestContext({ prefer: 'code=500; charset=x, respond-async, wait=5' })).toMatchObject({ code: 500 });
    expect(toRequestContext({ prefer: 'Example = "documented"' })).toMatchObject({ example: 'documented' });
  });

  it('names a refused session id as its sender wrote it: UTF-8 bytes that arrived one character per byte are read as UTF-8', () => {
    const refused = (value: string) => {
      try {
        toRequestContext({ 'x-mock-session': value });
      } catch (error) {
        return (error as SandboxError).extensions.session;
      }
      throw new Error(`${value} was accepted`);
    };
    expect(refused(Buffer.from('é', 'utf8').toString('latin1'))).toBe('é');
    expect(refused(Buffer.from('qa 日本', 'utf8').toString('latin1'))).toBe('qa 日本');
    expect(refused('caf\u00e9')).toBe('caf\u00e9'); // one latin-1 byte, not UTF-8: shown as it came
    expect(refused('a b')).toBe('a b');
  });

  it('takes the first instance of a preference stated twice and ignores the rest unread (RFC 7240 section 2)', () => {
    expect(toRequestContext({ prefer: 'code=500, code=200' })).toMatchObject({ code: 500 });
    expect(toRequestContext({ prefer: ['code=500', 'code=401, example=documented'] })).toMatchObject({ code: 500, example: 'documented' });
    expect(toRequestContext({ prefer: 'explain, explain=false, scenario=lockout, Scenario=default' })).toMatchObject({ explain: true, scenario: 'lockout' });
    expect(toRequestContext({ prefer: 'latency=10, latency=oops' })).toMatchObject({ latency: { min: 10, max: 10 } });
  });

  it('reads dynamic=true|false and seed=<0..2^32-1>', () => {
    expect(toRequestContext({ prefer: 'dynamic=true, seed=42' })).toMatchObject({ dynamic: true, seed: 42 });
    expect(toRequestContext({ prefer: 'dynamic=false, seed=4294967295' })).toMatchObject({ dynamic: false, seed: 4294967295 });
    expect(toRequestContext({ prefer: 'seed="0"' })).toMatchObject({ dynamic: undefined, seed: 0 });
    // Names are read in any case (RFC 7240), and so are these true/false values.
    expect(toRequestContext({ prefer: 'Dynamic=TRUE, Explain=False' })).toMatchObject({ dynamic: true, explain: false });
  });

  it('reads explain bare or as explain=true|false', () => {
    expect(toRequestContext({ prefer: 'explain' })).toMatchObject({ explain: true });
    expect(toRequestContext({ prefer: 'scenario=mfa-enabled, explain=true' })).toMatchObject({ scenario: 'mfa-enabled', explain: true });
    expect(toRequestContext({ prefer: 'explain=false' })).toMatchObject({ explain: false });
  });

  it.each([
    [{ prefer: 'explain=yes' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'dynamic' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'dynamic=1' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=-1' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=4294967296' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=1e3' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ 'x-mock-session': '' }, 'MOCK_ERR_BAD_SESSION_ID'],
    [{ 'x-mock-session': 'a b' }, 'MOCK_ERR_BAD_SESSION_ID'],
    [{ 'x-mock-session': 'x'.repeat(129) }, 'MOCK_ERR_BAD_SESSION_ID'],
    // A path segment clients resolve away: /s/../ and the admin API's /sessions/../ would name another place.
    [{ 'x-mock-session': '.' }, 'MOCK_ERR_BAD_SESSION_ID'],
    [{ 'x-mock-session': '..' }, 'MOCK_ERR_BAD_SESSION_ID'],
    [{ prefer: 'scenario=' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'code=abc' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'code=600' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'code=5e2' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'code' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'example=' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'example=a b' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'scenario' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'latency=soon' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'fault=explode' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
  ])('%j is a sandbox error %s', (headers, code) => {
    try {
      toRequestContext(headers);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).code).toBe(code);
    }
  });
});

describe('toRequestContext with the URL as received', () => {
  it('takes the session and the scenario from a /s/<session>/ prefix, over the header and Prefer', () => {
    expect(toRequestContext({}, '/s/qa-8/flashback/mfa/status')).toMatchObject({ sessionId: 'qa-8', sessionFrom: 'path', scenario: undefined });
    expect(toRequestContext({ 'x-mock-session': 'qa-9', prefer: 'scenario=org-enforced, code=403' }, '/s/qa-8/scenario/mfa-enabled/v1')).toMatchObject({
      sessionId: 'qa-8',
      sessionFrom: 'path',
      scenario: 'mfa-enabled',
      code: 403,
    });
    // Prefer's scenario still applies when the URL names only the session.
    expect(toRequestContext({ prefer: 'scenario=org-enforced' }, '/s/qa-8/v1')).toMatchObject({ sessionId: 'qa-8', scenario: 'org-enforced' });
    expect(toRequestContext({}, '/s/qa%3A8/v1')).toMatchObject({ sessionId: 'qa:8' });
  });

  it('ignores URLs without the prefix', () => {
    expect(toRequestContext({ 'x-mock-session': 'qa-9' }, '/flashback/s/qa-8/x')).toMatchObject({ sessionId: 'qa-9', sessionFrom: 'header' });
    expect(toRequestContext({}, '/sessions/qa-8')).toMatchObject({ sessionId: 'default', sessionFrom: 'default' });
  });

  it('says when the session header is empty (a variable not set) or was sent twice (a header added twice)', () => {
    expect(() => toRequestContext({ 'x-mock-session': '' })).toThrow(/^X-Mock-Session is empty and must match/);
    // Node joins a header sent twice into one value.
    expect(() => toRequestContext({ 'x-mock-session': 'qa-1, qa-2' })).toThrow(/^X-Mock-Session was sent more than once; it must match/);
    expect(() => toRequestContext({ 'x-mock-session': 'qa 1' })).toThrow(/^X-Mock-Session must match/);
  });

  it.each(['/s/a%20b/v1', '/s/%E0%A4%A/v1', `/s/${'x'.repeat(129)}/v1`, '/s/%2E%2E/v1'])('%s is a MOCK_ERR_BAD_SESSION_ID', (url) => {
    expect(() => toRequestContext({ 'x-mock-session': 'fine' }, url)).toThrow(expect.objectContaining({ code: 'MOCK_ERR_BAD_SESSION_ID' }));
  });
});

describe('toRequestContext: precedence of the session and scenario sources', () => {
  const all = {
    'x-mock-session': 'from-header',
    prefer: 'scenario=from-prefer',
    baggage: 'mock-session=from-baggage,mock-scenario=from-baggage',
    cookie: 'mfa-sandbox-session=from-cookie/from-cookie',
  };
  const without = (...names: string[]) => Object.fromEntries(Object.entries(all).filter(([name]) => !names.includes(name)));

  it('session: path > header > baggage > cookie > default; scenario: path > Prefer > baggage > cookie', () => {
    expect(toRequestContext(all, '/s/from-path/scenario/from-path/v1')).toMatchObject({ sessionId: 'from-path', scenario: 'from-path', scenarioFrom: 'path' });
    expect(toRequestContext(all, '/v1')).toMatchObject({ sessionId: 'from-header', sessionFrom: 'header', scenario: 'from-prefer', scenarioFrom: 'prefer' });
    expect(toRequestContext(without('x-mock-session', 'prefer'), '/v1')).toMatchObject({
      sessionId: 'from-baggage',
      sessionFrom: 'baggage',
      scenario: 'from-baggage',
      scenarioFrom: 'baggage',
    });
    expect(toRequestContext(without('x-mock-session', 'prefer', 'baggage'), '/v1')).toMatchObject({
      sessionId: 'from-cookie',
      sessionFrom: 'cookie',
      scenario: 'from-cookie',
      scenarioFrom: 'cookie',
    });
    expect(toRequestContext({ cookie: 'theme=dark' }, '/v1')).toMatchObject({ sessionId: 'default', sessionFrom: 'default', scenario: undefined });
  });

  it("uses the cookie's scenario only when the cookie chose the session", () => {
    expect(toRequestContext(without('prefer', 'baggage'), '/v1')).toMatchObject({ sessionId: 'from-header', scenario: undefined, scenarioFrom: undefined });
    expect(toRequestContext(without('prefer', 'baggage'), '/s/from-path/v1')).toMatchObject({ sessionId: 'from-path', scenario: undefined });
  });

  it.each([
    [{ baggage: 'mock-session=a b' }, 'MOCK_ERR_BAD_SESSION_ID', 'baggage entry mock-session'],
    [{ baggage: 'mock-session=%ZZ' }, 'MOCK_ERR_BAD_SESSION_ID', 'baggage entry mock-session'],
    [{ baggage: 'mock-scenario=%ZZ' }, 'MOCK_ERR_UNKNOWN_SCENARIO', 'baggage entry mock-scenario'],
    [{ cookie: 'mfa-sandbox-session=a%20b' }, 'MOCK_ERR_BAD_SESSION_ID', 'cookie mfa-sandbox-session'],
  ])('%j is a sandbox error %s naming where it was', (headers, code, where) => {
    expect(() => toRequestContext(headers, '/v1')).toThrow(expect.objectContaining({ code, message: expect.stringContaining(where) }));
  });
});
