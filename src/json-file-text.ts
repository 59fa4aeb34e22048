/** U+FEFF at the start of a file: the UTF-8 byte order mark that Windows editors (Notepad, PowerShell's Out-File) write. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Whether a file's text starts with a UTF-8 byte order mark, which no terminal or editor shows and JSON.parse refuses
 * (its "Unexpected token" quotes the invisible character).
 */
export function hasByteOrderMark(text: string): boolean {
  return text.startsWith(BYTE_ORDER_MARK);
}

/**
 * JSON.parse of a JSON file the user gives the CLI (a session file, `--accept`, `--credentials`), a leading byte order
 * mark skipped: the admin API's body parser skips it, and so does the YAML parser of scenario files, so the same file
 * was taken there and refused here.
 *
 * @example
 * parseJsonFileText('\uFEFF{"format": 1}') // { format: 1 }
 */
export function parseJsonFileText(text: string): unknown {
  return JSON.parse(hasByteOrderMark(text) ? text.slice(BYTE_ORDER_MARK.length) : text);
}
