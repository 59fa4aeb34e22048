import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { toBase64 } from './base64url.js';

/** HMAC-SHA1 of UTF-8 text under a UTF-8 key, as base64 (how GenAuth signs a request). */
export type HmacSha1Base64 = (key: string, message: string) => string;

const utf8 = new TextEncoder();

/** The pure-JS HMAC: runs anywhere, a browser under MSW included. */
export const pureHmacSha1Base64: HmacSha1Base64 = (key, message) => toBase64(hmac(sha1, utf8.encode(key), utf8.encode(message)));

let native: HmacSha1Base64 | undefined;

/**
 * Where there is a native HMAC (Node's crypto), the platform hands it in: the Node composition root does
 * (src/server/native-hmac.ts). The core cannot import node:crypto itself, since it also runs in a browser. The
 * pure-JS hash spent a third of a signed GenAuth request's pipeline time and left much of its garbage.
 */
export function useNativeHmacSha1(implementation: HmacSha1Base64 | undefined): void {
  native = implementation;
}

/**
 * @example
 * hmacSha1Base64('key', 'The quick brown fox jumps over the lazy dog') // '3nybhbi3iqa8ino29wqQcBydtNk='
 */
export function hmacSha1Base64(key: string, message: string): string {
  return (native ?? pureHmacSha1Base64)(key, message);
}
