import { describe, expect, it } from 'vitest';
import { SandboxError } from '../../../src/errors.js';
import { toRequestContext } from '../../../src/pipeline/request-context.js';

describe('toRequestContext', () => {
  it('defaults to the default session and no preferences', () => {
    expect(toRequestContext({})).toEqual({ sessionId: 'default', scenario: undefined, code: undefined, example: undefined });
  });

  it('reads the session header and every Prefer token, ignoring unknown preferences', () => {
    expect(toRequestContext({ 'x-mock-session': 'qa-7', prefer: 'return=minimal, scenario=org-enforced, code=403, example="enforcedByOrganization"' })).toEqual(
      {
        sessionId: 'qa-7',
        scenario: 'org-enforced',
        code: 403,
        example: 'enforcedByOrganization',
      },
    );
  });

  it('drops RFC 7240 parameters after ";" and keeps the preference', () => {
    expect(toRequestContext({ prefer: 'code=500; charset=x, respond-async, wait=5' })).toMatchObject({ code: 500 });
    expect(toRequestContext({ prefer: 'Example = "documented"' })).toMatchObject({ example: 'documented' });
  });

  it('reads dynamic=true|false and seed=<0..2^32-1>', () => {
    expect(toRequestContext({ prefer: 'dynamic=true, seed=42' })).toMatchObject({ dynamic: true, seed: 42 });
    expect(toRequestContext({ prefer: 'dynamic=false, seed=4294967295' })).toMatchObject({ dynamic: false, seed: 4294967295 });
    expect(toRequestContext({ prefer: 'seed="0"' })).toMatchObject({ dynamic: undefined, seed: 0 });
  });

  it.each([
    [{ prefer: 'dynamic' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'dynamic=1' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=-1' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=4294967296' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=1e3' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ prefer: 'seed=' }, 'MOCK_ERR_BAD_PREFER_HEADER'],
    [{ 'x-mock-session': '' }, 'MOCK_ERR_BAD_SESSION_ID'],
    [{ 'x-mock-session': 'a b' }, 'MOCK_ERR_BAD_SESSION_ID'],
    [{ 'x-mock-session': 'x'.repeat(129) }, 'MOCK_ERR_BAD_SESSION_ID'],
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
