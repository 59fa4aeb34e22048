import { readFile } from 'node:fs/promises';
import { SOURCE_ROOT } from '../source-root.js';

/** The page script and stylesheet that mend Swagger UI for keyboard and screen-reader users (plain files, copied by `npm run build`). */
const SCRIPT_FILE = new URL('docs/public/docs-accessibility.js', SOURCE_ROOT);
const CSS_FILE = new URL('docs/public/docs-accessibility.css', SOURCE_ROOT);

/** Both files' text, for every docs page's Swagger UI theme. */
export async function loadDocsAccessibility(): Promise<{ script: string; css: string }> {
  const [script, css] = await Promise.all([readFile(SCRIPT_FILE, 'utf8'), readFile(CSS_FILE, 'utf8')]);
  return { script, css };
}
