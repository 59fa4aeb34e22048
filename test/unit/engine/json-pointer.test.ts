import { describe, expect, it } from 'vitest';
import { toPointerToken, valueAtPointer } from '../../../src/engine/json-pointer.js';

describe('JSON pointers (RFC 6901)', () => {
  it('a key written as a token and read back is the key, `~1` decoded before `~0`', () => {
    const document = { 'a/b': { '~1': 'tilde-one', '~': 'tilde' }, list: [{ id: 'first' }] };
    expect(valueAtPointer(document, `/${toPointerToken('a/b')}/${toPointerToken('~1')}`)).toBe('tilde-one');
    expect(valueAtPointer(document, '/a~1b/~0')).toBe('tilde');
    expect(valueAtPointer(document, '/list/0/id')).toBe('first');
    expect(valueAtPointer(document, '')).toBe(document);
  });

  it('a path that leaves the document, or names a member every object inherits, is undefined', () => {
    const document = { user: { id: 'u1' }, count: 3 };
    expect(valueAtPointer(document, '/user/name')).toBeUndefined();
    expect(valueAtPointer(document, '/count/digits')).toBeUndefined();
    expect(valueAtPointer(document, '/constructor')).toBeUndefined();
    expect(valueAtPointer(document, '/user/__proto__')).toBeUndefined();
    expect(valueAtPointer(null, '/user')).toBeUndefined();
  });
});
