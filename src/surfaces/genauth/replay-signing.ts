import type { World } from '../../engine/world.js';
import type { ReplayedRequest } from '../surface-descriptor.js';
import { parseAuthorization, sign, toHeaderPrefix, toStringToSign, type SignatureFlavour } from './request-signature.js';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sign a replayed GenAuth request again with an access key of the world, as an SDK signs at send time; the mock then
 * checks the new signature for real. Only a request recorded as signed is signed again: an Authorization header of
 * the GenAuth (or authing) scheme and a date (`date`, or the flavour's `x-genauth-date` a browser signs instead). The
 * headers it recorded get fresh values (date, nonce, signature) and nothing is added: a pact whose client sent a
 * bearer token, or left the date or nonce out, is replayed as recorded and refused as the vendor refuses it (a
 * contract that signs nothing must not verify green). The key it names is used when the world has it.
 */
export function signReplayedRequest(request: ReplayedRequest, world: World, nowMs: number): void {
  const presented = parseAuthorization(single(request.headers.authorization));
  if (!presented) return;
  const flavour: SignatureFlavour = presented.flavour;
  const prefix = toHeaderPrefix(flavour);
  const dateHeaders = ['date', `${prefix}date`].filter((name) => single(request.headers[name]) !== undefined);
  if (dateHeaders.length === 0) return;
  const keys = Object.entries(world.accessKeys);
  const key = keys.find(([id]) => id === presented.accessKeyId) ?? keys[0];
  if (!key) return; // a scenario without access keys: the mock answers invalidSignature, as it should
  for (const name of dateHeaders) request.headers[name] = new Date(nowMs).toUTCString();
  const nonce = `${prefix}signature-nonce`;
  if (request.headers[nonce] !== undefined) request.headers[nonce] = globalThis.crypto.randomUUID().replaceAll('-', '');
  const [path = '/', query = ''] = request.url.split('?');
  const fields = request.method.toUpperCase() === 'GET' ? Object.fromEntries(new URLSearchParams(query)) : ((request.body ?? {}) as Record<string, unknown>);
  const signature = sign(key[1], toStringToSign(request.method, path, request.headers, fields, flavour));
  request.headers.authorization = `${flavour === 'genauth' ? 'GenAuth' : 'authing'} ${key[0]}:${signature}`;
}
