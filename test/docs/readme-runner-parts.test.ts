import { describe, expect, it } from 'vitest';
import { toCurlRequest } from './curl-request.js';
import { toAnswerProblems, type CurlAnswer } from './expected-answer.js';
import { toCodeBlocks } from './readme-blocks.js';
import { toShellSteps } from './shell-steps.js';
import { toShellWords } from './shell-words.js';

/** The README runner's own parts: a runner that cannot see a wrong answer would make the doc test pass on anything. */
const answer = (status: number, body: unknown, headers: Record<string, string> = {}, elapsedMs = 5): CurlAnswer => ({
  kind: 'answer',
  status,
  headers: new Headers(headers),
  body: typeof body === 'string' ? body : JSON.stringify(body),
  elapsedMs,
});

describe('the README runner', () => {
  it('finds every fenced block with its language, line and heading', () => {
    const blocks = toCodeBlocks('# Top\n```sh\necho 1\n```\n## Next\ntext\n```\nplain\n```\n');
    expect(blocks).toEqual([
      { lang: 'sh', code: 'echo 1\n', line: 2, heading: 'Top' },
      { lang: '', code: 'plain\n', line: 7, heading: 'Next' },
    ]);
    expect(() => toCodeBlocks('```sh\nopen\n')).toThrow(/unclosed/);
  });

  it('joins continued lines, drops comments and keeps "# ->" answers with their command', () => {
    const steps = toShellSteps("# a note\ncurl -s a \\\n   -H 'X: #1' # trailing\n# -> 200 {}\n# -> 200 []\nnpm start\n");
    expect(steps).toEqual([
      { command: "curl -s a -H 'X: #1'", expected: ['200 {}', '200 []'] },
      { command: 'npm start', expected: [] },
    ]);
  });

  it('splits words as a shell would and refuses what needs a real shell', () => {
    expect(toShellWords(`curl -H 'A: b c' "x \\"y\\"" z`)).toEqual(['curl', '-H', 'A: b c', 'x "y"', 'z']);
    expect(() => toShellWords('curl $URL')).toThrow(/real shell/);
    expect(() => toShellWords('a | b')).toThrow(/real shell/);
  });

  it('reads curl requests as curl would, and refuses options it does not know', () => {
    expect(toCurlRequest(`curl -s -X PUT localhost:4010/a -H 'Content-Type: application/json' -d '{"x":1}'`)).toEqual({
      method: 'PUT',
      url: 'http://localhost:4010/a',
      headers: [['Content-Type', 'application/json']],
      body: '{"x":1}',
      includeHeaders: false,
    });
    expect(toCurlRequest(`curl -s localhost:1/b -d 'a=1'`)).toMatchObject({ method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
    expect(() => toCurlRequest('curl --compressed localhost:1/')).toThrow(/not supported/);
    expect(toCurlRequest(`curl -s localhost:1/e -o out.json`)).toMatchObject({ method: 'GET', outputFile: 'out.json' });
    // A command just started in the background: curl tries again while nothing listens (both options, as curl needs them).
    expect(toCurlRequest(`curl -s --retry 10 --retry-connrefused localhost:1/f`)).toMatchObject({ url: 'http://localhost:1/f', retriesWhileRefused: 10 });
    expect(() => toCurlRequest('curl -s --retry 10 localhost:1/f')).toThrow(/go together/);
    expect(() => toCurlRequest('curl -s --retry-connrefused localhost:1/f')).toThrow(/go together/);
    expect(toCurlRequest(`curl -s -X POST localhost:1/i -H 'Content-Type: application/json' -d @out.json`)).toMatchObject({
      method: 'POST',
      bodyFile: 'out.json',
    });
  });

  it('matches exact bodies, open objects with ..., and captures <names>', () => {
    const captured = new Map<string, string>();
    expect(toAnswerProblems('403 {"success":false,"error":"No"}', answer(403, { success: false, error: 'No' }), captured)).toEqual([]);
    expect(toAnswerProblems('403 {"success":false}', answer(403, { success: false, error: 'No' }), captured)).toEqual([
      expect.stringContaining('members the README does not show: error'),
    ]);
    expect(toAnswerProblems('404 {"code":"IDE-1003",...}', answer(404, { code: 'IDE-1003', title: 't' }), captured)).toEqual([]);
    expect(toAnswerProblems('404 {"code":"IDE-1003",...}', answer(400, { code: 'IDE-0003' }), captured)).toEqual([
      'status 400, expected 404',
      '$.code is "IDE-0003", expected "IDE-1003"',
    ]);
    expect(toAnswerProblems('200 [{"code":"<code>",...}]', answer(200, [{ code: '123456', userId: 'u' }]), captured)).toEqual([]);
    expect(captured.get('code')).toBe('123456');
    expect(toAnswerProblems('200 [{"code":"<code>",...}]', answer(200, []), captured)).toEqual([expect.stringContaining('0 items, expected 1')]);
  });

  it('checks elapsed time, headers, a body prefix and dropped connections', () => {
    const captured = new Map<string, string>();
    const slow = answer(200, '{"success":true,"da', { 'x-mock-latency-ms': '2000' }, 2100);
    expect(toAnswerProblems('after 2 s: 200, x-mock-latency-ms: 2000, body {"success":true', slow, captured)).toEqual([]);
    expect(toAnswerProblems('after 3 s: 200, x-mock-latency-ms: 10, body {"x"', slow, captured)).toHaveLength(3);
    const listed = answer(204, '', { 'access-control-allow-headers': 'authorization,prefer', 'access-control-allow-origin': 'http://a' });
    expect(toAnswerProblems('204, access-control-allow-headers: authorization,prefer, access-control-allow-origin: http://a', listed, captured)).toEqual([]);
    expect(toAnswerProblems('no answer: curl exits 52', { kind: 'no-answer', error: 'other side closed', elapsedMs: 1 }, captured)).toEqual([]);
    expect(toAnswerProblems('no answer: curl exits 52', slow, captured)).toEqual(['expected no answer, got HTTP 200']);
  });
});
