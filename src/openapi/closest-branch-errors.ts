import type { ErrorObject } from 'ajv';

/**
 * How deep in the value an error is: `/data/success` is 2, the value itself (`''`) 0. A field the branch does not
 * allow is one deeper than the object that has it: the object fitted, that field did not.
 */
function depthOf(error: ErrorObject): number {
  const depth = error.instancePath === '' ? 0 : error.instancePath.split('/').length - 1;
  return error.keyword === 'additionalProperties' ? depth + 1 : depth;
}

/** The branch index of `error` under the combinator at `prefix` (`#/oneOf/` -> '0', '1', ...), or undefined. */
function branchOf(error: ErrorObject, prefix: string): string | undefined {
  if (!error.schemaPath.startsWith(prefix)) return undefined;
  return error.schemaPath.slice(prefix.length).split('/', 1)[0];
}

/**
 * Of each failed `oneOf`/`anyOf`, only the errors of the branch the value came closest to: the one whose deepest error
 * lies deepest in the value (the value fitted that branch furthest before it failed), ties to the one with fewer
 * errors. ajv reports every branch's errors beside the combinator's own, so one wrong type in a GenAuth override body
 * (`data.success: "no"`) read as five problems, four of them about the error envelope the body never meant to be.
 * Schema paths are those of dereferenced schemas (the specs are), so a branch's errors all start with its path.
 *
 * @example
 * toClosestBranchErrors(validate.errors) // ['/data/success must be boolean'] instead of that and the error shape's four
 */
export function toClosestBranchErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const combinator of errors) {
    if (combinator.keyword !== 'oneOf' && combinator.keyword !== 'anyOf') continue;
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      const branch = branchOf(error, prefix);
      if (branch !== undefined) branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    // A oneOf that failed because two branches matched has no branch errors: its own message is the problem.
    if (branches.size === 0) continue;
    const score = (branch: ErrorObject[]) => Math.max(...branch.map(depthOf));
    const closest = [...branches.values()].reduce((best, branch) =>
      score(branch) > score(best) || (score(branch) === score(best) && branch.length < best.length) ? branch : best,
    );
    kept = kept.filter((error) => error !== combinator && (branchOf(error, prefix) === undefined || closest.includes(error)));
  }
  return kept;
}
