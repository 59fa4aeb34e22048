import type { Explanation } from '../../engine/explanation.js';
import { withoutSessionPrefix } from '../../pipeline/session-prefix.js';
import type { OperationCall } from '../../pipeline/surface-behaviour.js';
import { isSignatureValid, sign, toHeaderPrefix, toStringToSign, type ParsedAuthorization, type SignatureFlavour } from './request-signature.js';

/** What the signature check had at hand when the signature did not match. */
export interface SignatureMismatch {
  call: OperationCall;
  secret: string;
  authorization: ParsedAuthorization;
  /** The fields signed on our side: the query as sent (GET) or the body's top-level fields. */
  fields: Record<string, unknown>;
  /** Our string to sign. */
  stringToSign: string;
}

/** The headers every SDK signs; a client that signs only these misses any other `x-genauth-*` header it sent. */
const SDK_SIGNED = ['signature-nonce', 'signature-method', 'signature-version'];

/**
 * The mistakes seen most, each as the string a client making it would have signed: the path with the sandbox's
 * mount prefix, the query with the defaults request validation fills in, and only the SDK's own headers.
 */
function toLikelyMistakes({ call, authorization, fields }: SignatureMismatch): Array<{ stringToSign: string; mistake: string }> {
  const { flavour } = authorization;
  const mountedPath = call.path.split('?')[0]!;
  const prefix = toHeaderPrefix(flavour);
  const sdkHeaders = Object.fromEntries(
    Object.entries(call.headers).filter(([name]) => name === 'date' || SDK_SIGNED.some((suffix) => name === `${prefix}${suffix}`)),
  );
  const mistakes = [];
  // Through a session URL (/s/<id>/genauth/...), a client may sign the path with or without the session prefix.
  for (const signedPath of new Set([mountedPath, withoutSessionPrefix(mountedPath)])) {
    if (signedPath === call.vendorPath) continue;
    mistakes.push({
      stringToSign: toStringToSign(call.method, signedPath, call.headers, fields, flavour),
      mistake: `the path was signed with the sandbox's mount prefix (${signedPath}); sign the vendor path ${call.vendorPath}`,
    });
  }
  if (call.method === 'GET') {
    mistakes.push({
      stringToSign: toStringToSign(call.method, call.vendorPath, call.headers, call.query, flavour),
      mistake: 'the query was signed with parameters the request did not send; sign exactly the query sent',
    });
  }
  mistakes.push({
    stringToSign: toStringToSign(call.method, call.vendorPath, sdkHeaders, fields, flavour),
    mistake: `only date and the SDK's ${prefix}signature-* headers were signed; every ${prefix}* header sent is signed`,
  });
  return mistakes;
}

/**
 * Why a GenAuth signature did not match: our string to sign (never the secret, nor the signature it gives), and the
 * likely mistake when the presented signature matches one of the usual wrong strings.
 *
 * @example
 * explainSignatureMismatch({ call, secret, authorization, fields, stringToSign })
 * // { message: 'the signature ... ; the path was signed with the mount prefix ...', expected: 'GET\ndate:...\n/api/v3/...', ... }
 */
export function explainSignatureMismatch(mismatch: SignatureMismatch): Omit<Explanation, 'rule'> {
  const { secret, authorization, stringToSign } = mismatch;
  const found = toLikelyMistakes(mismatch).find(
    ({ stringToSign: wrong }) => wrong !== stringToSign && isSignatureValid(sign(secret, wrong), authorization.signature),
  );
  const base = `the signature is not the HMAC-SHA1 of the sandbox's string to sign (in expected) with the secret of access key ${authorization.accessKeyId}`;
  return {
    message: found
      ? `${base}: ${found.mistake}`
      : `${base}; compare it with the string your client signed (method, the signed headers, the path and sorted fields)`,
    expected: stringToSign,
    received: authorization.signature,
    wouldPass: `Authorization: ${authorization.flavour === 'genauth' ? 'GenAuth' : 'authing'} ${authorization.accessKeyId}:<base64 HMAC-SHA1 of expected, keyed with the access key's secret>`,
  };
}

const SCHEMES: Record<SignatureFlavour, string> = { genauth: 'GenAuth', authing: 'authing' };

/**
 * Why a signed request has no date to check: none was sent, or only the other scheme's (`x-genauth-date` under an
 * `authing` Authorization, whose headers are `x-authing-*`, or the reverse), as a client that mixes the two sends; the
 * vendor's answer says only "Missing date header", which such a client, having sent a date, cannot read.
 *
 * @example
 * explainMissingDate(call, 'authing').message // 'neither date nor x-authing-date is sent: x-genauth-date is a header of the GenAuth scheme, ...'
 */
export function explainMissingDate(call: OperationCall, flavour: SignatureFlavour): Omit<Explanation, 'rule'> {
  const prefix = toHeaderPrefix(flavour);
  const wouldPass = `a date header (e.g. ${new Date(call.nowMs).toUTCString()}), signed; from a browser, which never sends date, ${prefix}date`;
  const other: SignatureFlavour = flavour === 'genauth' ? 'authing' : 'genauth';
  const otherPrefix = toHeaderPrefix(other);
  const otherDate = call.headers[`${otherPrefix}date`];
  if (otherDate === undefined) return { message: `neither date nor ${prefix}date is sent`, wouldPass };
  return {
    message:
      `neither date nor ${prefix}date is sent: ${otherPrefix}date is a header of the ${SCHEMES[other]} scheme, and this ` +
      `Authorization is "${SCHEMES[flavour]} ...", whose signature headers are ${prefix}*`,
    received: `${otherPrefix}date: ${String(otherDate)}`,
    wouldPass:
      `one scheme throughout: "Authorization: ${SCHEMES[other]} <accessKeyId>:<signature>" with the ${otherPrefix}* headers, ` +
      `or ${prefix}date and ${prefix}signature-* under this Authorization`,
  };
}
