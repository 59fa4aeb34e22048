import { toDidYouMean } from '../engine/edit-distance.js';
import { toPointerToken, valueAtPointer } from '../engine/json-pointer.js';

/**
 * Where a spec refers to a `$ref` that names nothing, from the validator's words (`Missing $ref pointer
 * "#/components/schemas/X"`, which say what is missing but not who asked for it): the pointer of the first `$ref`
 * with that value, and the near names beside its target. Undefined for any other problem.
 *
 * @example
 * locateMissingRef(document, 'Missing $ref pointer "#/components/schemas/MFAStatusRespnse". Token ...')
 * // { pointer: '/paths/~1v1~1users~1{id}~1mfa/get/responses/200/content/application~1json/schema/$ref',
 * //   reason: '$ref "#/components/schemas/MFAStatusRespnse" names nothing (did you mean "MFAStatusResponse"?)' }
 */
export function locateMissingRef(document: unknown, message: string): { pointer: string; reason: string } | undefined {
  const target = /Missing \$ref pointer "(#[^"]*)"/.exec(message)?.[1];
  if (target === undefined) return undefined;
  const pointer = findRef(document, target, '');
  if (pointer === undefined) return undefined;
  const tokens = target.slice(1).split('/');
  const siblings = valueAtPointer(document, tokens.slice(0, -1).join('/'));
  const known = siblings !== null && typeof siblings === 'object' ? Object.keys(siblings) : [];
  const name = (tokens.at(-1) ?? '').replaceAll('~1', '/').replaceAll('~0', '~');
  return { pointer, reason: `$ref "${target}" names nothing${toDidYouMean(name, known)}` };
}

/** The pointer of the first `$ref` whose value is `target`, depth first in document order. */
function findRef(node: unknown, target: string, at: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if ((node as { $ref?: unknown }).$ref === target) return `${at}/$ref`;
  for (const [key, value] of Object.entries(node)) {
    const found = findRef(value, target, `${at}/${toPointerToken(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
