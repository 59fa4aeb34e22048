/** What stands in for a secret in everything the sandbox writes about an upstream (conformance and proxy reports). */
export const REDACTED = '[redacted]';

/**
 * The last line of defence for reports and terminal output: every known secret (credentials, tokens the upstream
 * handed out), and its base64 and base64url forms, replaced by `[redacted]`. Reports show secrets by shape anyway;
 * this catches one that slipped into a message, a URL or a body that echoes it (encoded, as in a Basic header).
 *
 * @example
 * scrubSecrets('Bearer tok-123456 / dG9rLTEyMzQ1Ng', ['tok-123456']) // 'Bearer [redacted] / [redacted]'
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    const base64 = btoa(String.fromCodePoint(...new TextEncoder().encode(secret)));
    forms.add(secret).add(base64).add(base64.replace(/=+$/, '')).add(base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''));
  }
  let scrubbed = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) scrubbed = scrubbed.replaceAll(form, REDACTED);
  return scrubbed;
}
