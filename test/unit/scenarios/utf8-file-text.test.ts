import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstInvalidUtf8Byte, readUtf8FileText } from '../../../src/scenarios/utf8-file-text.js';

const dir = mkdtempSync(join(tmpdir(), 'utf8-file-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOf(bytes: Buffer): string {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, bytes);
  return file;
}

describe('firstInvalidUtf8Byte', () => {
  it.each([
    ['ASCII', [0x61, 0x62], undefined],
    ['é, ✓ and 😀 in UTF-8', [...Buffer.from('é✓😀')], undefined],
    ['é in Latin-1', [0x63, 0x61, 0x66, 0xe9], 3],
    ['a continuation byte alone', [0x61, 0x80], 1],
    ['an overlong "/" (C0 AF)', [0xc0, 0xaf], 0],
    ['an overlong 3-byte form (E0 80 80)', [0xe0, 0x80, 0x80], 0],
    ['a surrogate (ED A0 80)', [0xed, 0xa0, 0x80], 0],
    ['past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut by the end of the file', [0x61, 0xe2, 0x9c], 1],
    ['a sequence cut by an ASCII byte', [0xe2, 0x61, 0x80], 0],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8Byte(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('readUtf8FileText', () => {
  it('reads a UTF-8 file, with its byte order mark', () => {
    expect(readUtf8FileText(fileOf(Buffer.from('\ufeffdescription: café ✓\n')))).toBe('\ufeffdescription: café ✓\n');
  });

  it('refuses a Latin-1 file at its first byte that is not UTF-8, counted in characters as an editor counts', () => {
    const file = fileOf(Buffer.concat([Buffer.from('description: "ü ok"\nworld: { users: [{ email: "jö'), Buffer.of(0xe9), Buffer.from('@example.com" }] }\n')]));
    expect(() => readUtf8FileText(file)).toThrow(
      `${file}:2:30: the file is not UTF-8: byte 0xE9 here is "é" in Windows-1252 or Latin-1, as an editor may have saved it; save the file as UTF-8`,
    );
  });

  it('leaves UTF-16 to the scenario parser, which names it', () => {
    const text = readUtf8FileText(fileOf(Buffer.from('\ufeffdescription: x\n', 'utf16le')));
    expect(text).toContain('\u0000');
  });
});
