/**
 * One key as a JSON pointer token (RFC 6901): `~` and `/` written `~0` and `~1`, so a header, field or path named
 * with them still points at itself (`/paths/~1mfa~1status`).
 */
export function toPointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON pointer token read back as its key: `~1` is `/`, then `~0` is `~` (in that order, as RFC 6901 says). */
function fromPointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * The value a JSON pointer names in a parsed document (ajv's errors carry the place, not the value); undefined where
 * the path leaves the document. Only a node's own keys are followed: `/constructor` names nothing.
 *
 * @example
 * valueAtPointer({ users: [{ id: 'a/b' }] }, '/users/0/id') // 'a/b'
 */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  let node = data;
  for (const token of pointer.split('/').slice(1)) {
    const key = fromPointerToken(token);
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
