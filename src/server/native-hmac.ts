import { createHmac } from 'node:crypto';
import { useNativeHmacSha1 } from '../engine/hmac-sha1.js';

/** Node's HMAC-SHA1 for the core's request signatures (see engine/hmac-sha1.ts); the same bytes as the pure-JS one. */
export function useNodeHmac(): void {
  useNativeHmacSha1((key, message) => createHmac('sha1', key).update(message, 'utf8').digest('base64'));
}
