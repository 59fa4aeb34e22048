// mfa-sandbox docs: signs Swagger UI's GenAuth "try it out" requests in the page, with the same algorithm the sandbox
// verifies (src/surfaces/genauth/request-signature.ts, the vendor SDK's buildSignature.ts):
//
//   stringToSign  = METHOD + "\n" + canonicalHeaders + canonicalResource
//   authorization = "GenAuth <accessKeyId>:" + base64(HMAC-SHA1(secret, stringToSign))   ("authing ..." for Authing)
//
// Plain script, no imports: the docs route prepends `window.MFA_SANDBOX_GENAUTH_SIGNING = { prefix, accessKeyId,
// accessKeySecret }` and Swagger UI's requestInterceptor calls window.mfaSandboxSignGenAuthRequest(request).
// A browser may not set `date` (a forbidden header name for fetch), so the request time goes in `x-genauth-date`
// (`x-authing-date`), which the sandbox reads when `date` is absent and which is signed like every x-genauth-* header.
(function installGenAuthRequestSigner(global) {
  'use strict';

  const encoder = new TextEncoder();

  // ---- HMAC-SHA1: Web Crypto where the page is a secure context (localhost, https), else a small pure version -----

  function sha1(bytes) {
    const words = new Uint32Array(80);
    const length = bytes.length;
    const padded = new Uint8Array(((length + 8) >> 6) * 64 + 64);
    padded.set(bytes);
    padded[length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 4, length * 8);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    const rotate = (value, bits) => (value << bits) | (value >>> (32 - bits));
    for (let block = 0; block < padded.length; block += 64) {
      for (let i = 0; i < 16; i++) words[i] = view.getUint32(block + i * 4);
      for (let i = 16; i < 80; i++) words[i] = rotate(words[i - 3] ^ words[i - 8] ^ words[i - 14] ^ words[i - 16], 1);
      let [a, b, c, d, e] = [h0, h1, h2, h3, h4];
      for (let i = 0; i < 80; i++) {
        const [f, k] =
          i < 20
            ? [(b & c) | (~b & d), 0x5a827999]
            : i < 40
              ? [b ^ c ^ d, 0x6ed9eba1]
              : i < 60
                ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
                : [b ^ c ^ d, 0xca62c1d6];
        const next = (rotate(a, 5) + f + e + k + words[i]) | 0;
        [e, d, c, b, a] = [d, c, rotate(b, 30), a, next];
      }
      [h0, h1, h2, h3, h4] = [(h0 + a) | 0, (h1 + b) | 0, (h2 + c) | 0, (h3 + d) | 0, (h4 + e) | 0];
    }
    const digest = new DataView(new ArrayBuffer(20));
    [h0, h1, h2, h3, h4].forEach((word, i) => digest.setUint32(i * 4, word));
    return new Uint8Array(digest.buffer);
  }

  function hmacSha1Pure(keyBytes, messageBytes) {
    const key = new Uint8Array(64);
    key.set(keyBytes.length > 64 ? sha1(keyBytes) : keyBytes);
    const inner = new Uint8Array(64 + messageBytes.length);
    const outer = new Uint8Array(64 + 20);
    for (let i = 0; i < 64; i++) {
      inner[i] = key[i] ^ 0x36;
      outer[i] = key[i] ^ 0x5c;
    }
    inner.set(messageBytes, 64);
    outer.set(sha1(inner), 64);
    return sha1(outer);
  }

  async function hmacSha1(secret, message) {
    const subtle = global.crypto && global.crypto.subtle;
    if (!subtle) return hmacSha1Pure(encoder.encode(secret), encoder.encode(message));
    const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(message)));
  }

  function toBase64(bytes) {
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return global.btoa(binary);
  }

  function newNonce() {
    const bytes = new Uint8Array(16);
    if (global.crypto && global.crypto.getRandomValues) global.crypto.getRandomValues(bytes);
    else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  // ---- the string to sign, exactly as the sandbox rebuilds it ------------------------------------------------------

  const clean = (value) => (typeof value === 'string' ? value.replace(/[\t\n\r\f]/g, ' ') : String(value));

  function canonicalHeaders(headers, prefix) {
    return Object.keys(headers)
      .map((name) => [name.toLowerCase(), headers[name]])
      .filter(([name]) => name.startsWith(prefix) || name === 'date')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${name}:${clean(value).trim()}\n`)
      .join('');
  }

  function canonicalResource(path, fields) {
    const keys = Object.keys(fields).sort();
    if (keys.length === 0) return path;
    const pairs = keys
      .filter((key) => fields[key] !== undefined)
      .map((key) => {
        const value = fields[key];
        return `${key}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`;
      });
    return `${path}?${pairs.join('&')}`;
  }

  /** The fields the sandbox signs: the query as sent for GET, the JSON body's top-level fields otherwise. */
  function signedFields(method, url, body) {
    if (method === 'GET') return Object.fromEntries(new URLSearchParams(url.search));
    if (typeof body !== 'string' || body === '') return {};
    try {
      const parsed = JSON.parse(body);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }

  function headerName(headers, lowerCaseName) {
    return Object.keys(headers).find((name) => name.toLowerCase() === lowerCaseName);
  }

  /**
   * Sign one request in place (Swagger UI's request object: url, method, headers, body) and return it.
   * Credentials: the sandbox's access key, or `<accessKeyId>:<secret>` typed into Swagger UI's Authorize dialog.
   * A request that already carries a full `GenAuth ...`/`authing ...` signature is left as it is.
   */
  async function signGenAuthRequest(request, config) {
    const url = new URL(request.url, global.location.href);
    const prefix = config.prefix || '';
    // The docs page's second server calls the mock behind the session prefix (/s/<session>/, optionally
    // scenario/<name>/): what is signed is the vendor path after it and the mount prefix, as the sandbox verifies it.
    const sessionPrefix = /^\/s\/[^/?]+(?:\/scenario\/[^/?]+)?(?=\/)/.exec(url.pathname);
    const pathname = sessionPrefix ? url.pathname.slice(sessionPrefix[0].length) : url.pathname;
    if (request.loadSpec || url.origin !== global.location.origin || !pathname.startsWith(`${prefix}/`)) return request;
    const headers = request.headers || (request.headers = {});
    const authorizationName = headerName(headers, 'authorization');
    const presented = authorizationName === undefined ? '' : String(headers[authorizationName]).trim();
    if (/^(GenAuth|authing) /.test(presented)) return request;
    const typedKey = /^([^\s:]+):(\S+)$/.exec(presented);
    const accessKeyId = typedKey ? typedKey[1] : config.accessKeyId;
    const accessKeySecret = typedKey ? typedKey[2] : config.accessKeySecret;
    if (authorizationName !== undefined) delete headers[authorizationName];

    const flavour = Object.keys(headers).some((name) => name.toLowerCase().startsWith('x-authing-')) ? 'authing' : 'genauth';
    const headerPrefix = flavour === 'genauth' ? 'x-genauth-' : 'x-authing-';
    const dateName = headerName(headers, 'date');
    if (dateName !== undefined) delete headers[dateName]; // the browser would drop it, so it must not be signed
    const set = (name, value, onlyIfAbsent) => {
      const existing = headerName(headers, name);
      if (existing !== undefined && onlyIfAbsent && String(headers[existing]).trim() !== '') return;
      if (existing !== undefined) delete headers[existing];
      headers[name] = value;
    };
    set(`${headerPrefix}date`, new Date().toUTCString(), false);
    set(`${headerPrefix}signature-nonce`, newNonce(), false); // a fresh one every time: a reused nonce is a replay
    set(`${headerPrefix}signature-method`, 'HMAC-SHA1', true);
    set(`${headerPrefix}signature-version`, '1.0', true);

    const method = String(request.method || 'GET').toUpperCase();
    const vendorPath = decodeURIComponent(pathname.slice(prefix.length));
    const stringToSign = `${method}\n${canonicalHeaders(headers, headerPrefix)}${canonicalResource(vendorPath, signedFields(method, url, request.body))}`;
    const signature = toBase64(await hmacSha1(accessKeySecret, stringToSign));
    headers.authorization = `${flavour === 'genauth' ? 'GenAuth' : 'authing'} ${accessKeyId}:${signature}`;
    return request;
  }

  global.mfaSandboxSignGenAuthRequest = (request) => signGenAuthRequest(request, global.MFA_SANDBOX_GENAUTH_SIGNING || {});
  global.mfaSandboxGenAuthSigning = { signGenAuthRequest, hmacSha1, hmacSha1Pure };
})(typeof window === 'undefined' ? globalThis : window);
