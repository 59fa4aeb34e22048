/**
 * The JSON pointer of the value that starts on `line` (1-based) of `JSON.stringify(value, null, 2)`, or undefined past
 * its end. The OpenAPI validator reports a problem as a code frame of that text with a line number and no pointer;
 * this recovers the pointer, so a spec problem is named as a scenario problem is: file and JSON pointer.
 *
 * @example
 * toPointerAtJsonLine({ paths: { '/a': { get: {} } } }, 3) // '/paths/~1a'
 */
export function toPointerAtJsonLine(value: unknown, line: number): string | undefined {
  let current = 1;
  const visit = (node: unknown, pointer: string): string | undefined => {
    if (current === line) return pointer;
    const children = Array.isArray(node)
      ? node.map((child, index) => [String(index), child ?? null] as const)
      : typeof node === 'object' && node !== null
        ? Object.entries(node).filter(([, child]) => child !== undefined && typeof child !== 'function')
        : [];
    current++; // the value's own line (an opening bracket, or the whole of a scalar or an empty container)
    if (children.length === 0) return undefined;
    for (const [key, child] of children) {
      const found = visit(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      if (found !== undefined) return found;
    }
    current++; // the closing bracket
    return undefined;
  };
  return visit(value, '');
}
