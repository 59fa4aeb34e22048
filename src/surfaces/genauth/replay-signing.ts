import type { World } from '../../engine/world.js';
import type { ReplayedRequest } from '../surface-descriptor.js';
import { parseAuthorization, sign, toHeaderPrefix, toStringToSign, type SignatureFlavour } from './request-signature.js';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sign a replayed GenAuth request again with an access key of the world, as an SDK signs at send time; the mock then
 * checks the new signature for real. A request in either flavour (GenAuth / authing) keeps its flavour, and the key
 * it names when the world has it.
 */
export function signReplayedRequest(request: ReplayedRequest, world: World, nowMs: number): void {
  const presented = parseAuthorization(single(request.headers.authorization));
  const keys = Object.entries(world.accessKeys);
  const key = keys.find(([id]) => id === presented?.accessKeyId) ?? keys[0];
  if (!key) return; // a scenario without access keys: the mock answers invalidSignature, as it should
  const flavour: SignatureFlavour = presented?.flavour ?? 'genauth';
  const prefix = toHeaderPrefix(flavour);
  request.headers.date = new Date(nowMs).toUTCString();
  request.headers[`${prefix}signature-nonce`] = globalThis.crypto.randomUUID().replaceAll('-', '');
  request.headers[`${prefix}signature-method`] ??= 'HMAC-SHA1';
  request.headers[`${prefix}signature-version`] ??= '1.0';
  const [path = '/', query = ''] = request.url.split('?');
  const fields = request.method.toUpperCase() === 'GET' ? Object.fromEntries(new URLSearchParams(query)) : ((request.body ?? {}) as Record<string, unknown>);
  const signature = sign(key[1], toStringToSign(request.method, path, request.headers, fields, flavour));
  request.headers.authorization = `${flavour === 'genauth' ? 'GenAuth' : 'authing'} ${key[0]}:${signature}`;
}
