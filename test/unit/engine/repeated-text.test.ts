import { describe, expect, it } from 'vitest';
import { RepeatedText } from '../../../src/engine/repeated-text.js';

describe('RepeatedText', () => {
  it('gives back every text as it was sent, repeated or not', () => {
    const answers = new RepeatedText();
    const sent = ['{"a":1}', '{"a":1}', '{"a":2}', '{"a":2}', '{"a":1}', '', '', '{"a":1}'];
    expect(sent.map((text) => answers.share(text))).toEqual(sent);
  });

  it('tells apart texts of the same length (a fresh id in each answer)', () => {
    const answers = new RepeatedText();
    expect(answers.share('{"requestId":"0001"}')).toBe('{"requestId":"0001"}');
    expect(answers.share('{"requestId":"0002"}')).toBe('{"requestId":"0002"}');
    expect(answers.share('{"requestId":"0001"}')).toBe('{"requestId":"0001"}');
  });

  it('passes a missing text through without forgetting the last one', () => {
    const bodies = new RepeatedText();
    bodies.share('{"mfaType":"GOOGLE_AUTH"}');
    expect(bodies.share(undefined)).toBeUndefined();
    expect(bodies.share('{"mfaType":"GOOGLE_AUTH"}')).toBe('{"mfaType":"GOOGLE_AUTH"}');
  });
});
