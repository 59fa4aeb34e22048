import { describe, expect, it } from 'vitest';
import { hasByteOrderMark, parseJsonFileText } from '../../src/json-file-text.js';

describe('parseJsonFileText', () => {
  it('skips a leading UTF-8 byte order mark (Windows editors write one), which JSON.parse refuses', () => {
    expect(() => JSON.parse('\uFEFF{"format": 1}')).toThrow(SyntaxError);
    expect(parseJsonFileText('\uFEFF{"format": 1}')).toEqual({ format: 1 });
    expect(parseJsonFileText('[1]')).toEqual([1]);
  });

  it('skips one mark at the start only: a second one, or one inside, is still not JSON', () => {
    expect(() => parseJsonFileText('\uFEFF\uFEFF{}')).toThrow(SyntaxError);
    expect(parseJsonFileText('"\uFEFF"')).toBe('\uFEFF');
    expect([hasByteOrderMark('\uFEFF{}'), hasByteOrderMark('{}'), hasByteOrderMark(' \uFEFF')]).toEqual([true, false, false]);
  });
});
