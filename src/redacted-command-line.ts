import { toRedactedStateUrl } from './config.js';

/** Flags whose value is a secret: the admin token, and the state URL's password. */
const SECRET_FLAGS: ReadonlyMap<string, (value: string) => string> = new Map([
  ['--admin-token', () => '***'],
  ['--state', toRedactedStateUrl],
]);

/**
 * The command line with its secrets masked, for the process title that `ps` and /proc show every user of the machine
 * (the values were readable there while the sandbox ran, though no message ever printed them); undefined when it holds
 * none. Both spellings of a flag: `--state <url>` and `--state=<url>`.
 *
 * @example
 * toRedactedCommandLine(['serve', '--admin-token', 's3cret-s3cret-s3cret']) // 'mfa-sandbox serve --admin-token ***'
 */
export function toRedactedCommandLine(argv: readonly string[]): string | undefined {
  let masked = false;
  const words = argv.map((word, index) => {
    const [flag, inline] =
      word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const mask = SECRET_FLAGS.get(flag);
    if (mask && inline !== undefined) {
      masked = true;
      return `${flag}=${mask(inline)}`;
    }
    const previous = argv[index - 1];
    const maskValue = previous === undefined ? undefined : SECRET_FLAGS.get(previous);
    if (maskValue === undefined) return word;
    masked = true;
    return maskValue(word);
  });
  return masked ? ['mfa-sandbox', ...words].join(' ') : undefined;
}
