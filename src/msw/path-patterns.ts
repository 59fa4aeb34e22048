/** A regular expression matching `text` literally. */
export function toLiteralPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The paths of a template, a `{param}` placeholder standing for one segment: as the server's router matches them,
 * letter case and all (MSW's own matching ignores case), or, with `anyCase`, the template's letters in either case as
 * the server routes a surface whose vendor does (createPathCaseFolder); a `prefix` in front is matched as written.
 *
 * @example
 * toTemplatePattern('/lerian/v1/users/{id}/mfa').test('/lerian/v1/users/u1/mfa') // true
 * toTemplatePattern('/auth/mfa/status', { trailingSlash: true }).test('/auth/mfa/status/') // true
 * toTemplatePattern('/auth/mfa/status', { prefix: '/nest-auth', anyCase: true }).test('/nest-auth/auth/MFA/status') // true
 */
export function toTemplatePattern(template: string, options: { prefix?: string; trailingSlash?: boolean; anyCase?: boolean } = {}): RegExp {
  const literal = options.anyCase ? (text: string) => toLiteralPattern(text).replace(/[a-z]/gi, toEitherCase) : toLiteralPattern;
  return new RegExp(
    `^${toLiteralPattern(options.prefix ?? '')}${template
      .split(/\{[^}/]+\}/)
      .map(literal)
      .join('[^/]+')}${options.trailingSlash ? '/?' : ''}$`,
  );
}

const toEitherCase = (letter: string) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`;
