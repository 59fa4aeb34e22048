/**
 * A journal as the steps a client took, `<operationId>:<status>` in order: what a flow test compares in one line.
 *
 * @example
 * journalSteps(sandbox.session('qa-1').journal()) // ['login:200', 'verifyMfa:400', 'verifyMfa:200']
 */
export function journalSteps(entries: ReadonlyArray<{ operationId?: string | undefined; status: number }>): string[] {
  return entries.map((entry) => `${entry.operationId}:${entry.status}`);
}
