import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { ScenarioError } from './scenario-problems.js';

/**
 * A scenario file's text, which must be UTF-8 (YAML 1.2 reads UTF-8, and so did every editor the README shows). Read
 * leniently, a file an editor saved as Latin-1 or Windows-1252 had each byte it could not decode replaced by U+FFFD:
 * `josé@example.com` loaded as `jos\ufffd@example.com`, which still passed the e-mail check and then matched no
 * request. Such a file is a problem at its first byte that is not UTF-8, named as the user's editor shows it.
 *
 * @example
 * readUtf8FileText('/me/flashback/cafe.yaml') // throws ScenarioError: '/me/flashback/cafe.yaml:1:18: the file is not UTF-8: ...'
 */
export function readUtf8FileText(file: string): string {
  const bytes = readFileSync(file);
  // Node's own check first (every start reads every file: ~0.05 ms for the shipped ones, against ~1.2 ms in the loop
  // below, which only finds where a file that is not UTF-8 goes wrong). UTF-16 (a NUL beside every ASCII character)
  // is named as such by parseScenarioFile, with the editor that writes it.
  if (isUtf8(bytes) || bytes.includes(0)) return bytes.toString('utf8');
  const invalidAt = firstInvalidUtf8Byte(bytes) ?? 0;
  const lineStart = bytes.lastIndexOf(0x0a, invalidAt - 1) + 1;
  const line = countNewlines(bytes, lineStart) + 1;
  // Columns count characters, as an editor does: the line's bytes before the bad one are UTF-8 (the first bad byte).
  const column = bytes.toString('utf8', lineStart, invalidAt).length + 1;
  const byte = bytes[invalidAt]!;
  throw new ScenarioError(
    file,
    '',
    `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here is ${toWindows1252(byte)} in ` +
      'Windows-1252 or Latin-1, as an editor may have saved it; save the file as UTF-8',
    { line, column },
  );
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

/** What a byte reads as in Windows-1252 (the superset of Latin-1 that Windows editors save), quoted, or its absence. */
function toWindows1252(byte: number): string {
  const text = new TextDecoder('windows-1252').decode(Uint8Array.of(byte));
  return text === '\ufffd' ? 'no character' : JSON.stringify(text);
}

/**
 * Where the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF) starts, or undefined for a file that is UTF-8 throughout.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const form = toSequenceForm(lead);
    if (form === undefined || i + form.length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < form.secondMin || second > form.secondMax) return i;
    for (let k = 2; k < form.length; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += form.length;
  }
  return undefined;
}

/** A lead byte's sequence length and the range of its second byte (RFC 3629's table), or undefined for no lead byte. */
function toSequenceForm(lead: number): { length: number; secondMin: number; secondMax: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, secondMin: 0x80, secondMax: 0xbf };
  if (lead === 0xe0) return { length: 3, secondMin: 0xa0, secondMax: 0xbf };
  if (lead === 0xed) return { length: 3, secondMin: 0x80, secondMax: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, secondMin: 0x80, secondMax: 0xbf };
  if (lead === 0xf0) return { length: 4, secondMin: 0x90, secondMax: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, secondMin: 0x80, secondMax: 0xbf };
  if (lead === 0xf4) return { length: 4, secondMin: 0x80, secondMax: 0x8f };
  return undefined;
}
