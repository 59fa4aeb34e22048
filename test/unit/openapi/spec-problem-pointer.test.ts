import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toPointerAtJsonLine } from '../../../src/openapi/json-line-pointer.js';
import { parseAndValidateSpec, SpecError } from '../../../src/openapi/load-spec.js';

describe('toPointerAtJsonLine', () => {
  const value = { a: 1, b: { 'c/d': [true, {}, { e: 'x' }], f: [] }, skipped: undefined, g: null };
  // JSON.stringify(value, null, 2), line by line:
  const expected = ['', '/a', '/b', '/b/c~1d', '/b/c~1d/0', '/b/c~1d/1', '/b/c~1d/2', '/b/c~1d/2/e', undefined, undefined, '/b/f', undefined, '/g', undefined];

  it('names the value that starts on each line of the JSON text (closing brackets start none)', () => {
    const lines = JSON.stringify(value, null, 2).split('\n');
    expect(lines).toHaveLength(expected.length);
    expect(lines.map((_line, index) => toPointerAtJsonLine(value, index + 1))).toEqual(expected);
    expect(toPointerAtJsonLine(value, lines.length + 1)).toBeUndefined();
  });
});

describe('a spec the OpenAPI validator refuses', () => {
  it('is named by file and the JSON pointer of its first problem', async () => {
    const source = readFileSync('specs/lerian.openapi.yaml', 'utf8').replace('operationId: getMfaStatus', 'operationIdx: getMfaStatus');
    const refused = parseAndValidateSpec('lerian.openapi.yaml', source);
    await expect(refused).rejects.toBeInstanceOf(SpecError);
    await expect(refused).rejects.toThrow(/^lerian\.openapi\.yaml#\/paths\/~1v1~1users~1\{id\}~1mfa\/get\/operationIdx: invalid OpenAPI 3\.1\n/);
  });

  it('points at the object that lacks a required field', async () => {
    const source = readFileSync('specs/lerian.openapi.yaml', 'utf8').replace(/^ {2}version: .*\n/m, '');
    await expect(parseAndValidateSpec('lerian.openapi.yaml', source)).rejects.toThrow(
      /^lerian\.openapi\.yaml#\/info: invalid OpenAPI 3\.1\n[^]*required property 'version'/,
    );
  });
});
