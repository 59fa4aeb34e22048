/**
 * How deep JSON an override may hold (`when.body`, a literal `body`): far beyond any vendor body here (a WebAuthn
 * credential is 4 levels), and far below what overflows the recursive code that copies and compares them (a QA tour
 * posted 2,000 levels in 8 KB and got a 500 with a stack trace).
 */
export const MAX_OVERRIDE_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays more than `levels` deep (a scalar is 0 deep, `{}` and `[]` 1). Walks with a
 * stack of its own, so any depth is measured without overflowing the call stack.
 *
 * @example
 * isNestedDeeperThan({ a: [1] }, 1); // true: 2 levels
 * isNestedDeeperThan({ a: [1] }, 2); // false
 */
export function isNestedDeeperThan(value: unknown, levels: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth + 1 > levels) return true;
    for (const inner of Array.isArray(next) ? next : Object.values(next)) pending.push([inner, depth + 1]);
  }
  return false;
}
