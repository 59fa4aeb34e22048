/**
 * The shape of a value that varies from run to run (ids, times, secrets, one-time codes): what a conformance report
 * compares and shows instead of the value itself, e.g. `<uuid>`, `<time>`, `<base32 32>`, `<digits 6>`.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
/** An error code such as `MFA_CODE_INVALID`: a `code` field holding one is a constant, not a one-time code. */
export const ERROR_CODE = /^[A-Z][A-Z0-9_]+$/;

export const isUuid = (value: string) => UUID.test(value);
export const isJwt = (value: string) => JWT.test(value);
export const isIsoTime = (value: string) => ISO_TIME.test(value);

/**
 * The kind and length of a string, never its content. Digits are checked before base32, so six-digit codes made of
 * the digits 2-7 are `<digits 6>`, not base32.
 *
 * @example
 * toValueShape('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') // '<base32 32>'
 */
export function toValueShape(value: string): string {
  if (isUuid(value)) return '<uuid>';
  if (isJwt(value)) return '<jwt>';
  if (isIsoTime(value)) return '<time>';
  if (value.startsWith('data:')) return `<data-url ${value.slice(5, value.indexOf(';'))}>`;
  if (/^\d+$/.test(value)) return `<digits ${value.length}>`;
  if (/^[A-Z2-7]+=*$/.test(value)) return `<base32 ${value.length}>`;
  if (/^[A-Za-z0-9_-]+$/.test(value)) return `<base64url ${value.length}>`;
  return `<string ${value.length}>`;
}

/** Any JSON value's shape: strings by `toValueShape`, other values by their JSON type (`<null>`, `<number>` ...). */
export function toAnyValueShape(value: unknown): string {
  if (typeof value === 'string') return toValueShape(value);
  if (value === null) return '<null>';
  return `<${Array.isArray(value) ? 'array' : typeof value}>`;
}

/** An e-mail address inside a text (an `account`, an otpauth URL's label). */
const EMAIL_SHAPED = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * A string with what varies taken out: the secret inside an `otpauth://` URL becomes its shape, and each of `known`
 * (e.g. the side's own e-mail address) becomes `<name>`. An `email` known to be unknown (`''`: an upstream reached
 * with a token alone) stands for any address in the text. Answers whether anything known was found.
 */
export function withoutVaryingParts(value: string, known: Readonly<Record<string, string>>): { text: string; echoed: boolean } {
  let text = value;
  if (text.startsWith('otpauth://')) {
    try {
      const url = new URL(text);
      const secret = url.searchParams.get('secret');
      if (secret !== null) url.searchParams.set('secret', toValueShape(secret));
      text = decodeURIComponent(url.toString());
    } catch {
      // not a URL after all: compared as it is
    }
  }
  let echoed = false;
  for (const [name, knownValue] of Object.entries(known)) {
    if (name === 'email' && knownValue === '') {
      text = text.replace(EMAIL_SHAPED, () => {
        echoed = true;
        return '<email>';
      });
    } else if (knownValue && text.includes(knownValue)) {
      text = text.replaceAll(knownValue, `<${name}>`);
      echoed = true;
    }
  }
  return { text, echoed };
}
