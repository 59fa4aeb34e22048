/** A regular expression matching `text` literally. */
export function toLiteralPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The paths of a template, a `{param}` placeholder standing for one segment: as the server's router matches them,
 * letter case and all (MSW's own matching ignores case).
 *
 * @example
 * toTemplatePattern('/lerian/v1/users/{id}/mfa').test('/lerian/v1/users/u1/mfa') // true
 * toTemplatePattern('/auth/mfa/status', { trailingSlash: true }).test('/auth/mfa/status/') // true
 */
export function toTemplatePattern(template: string, options: { trailingSlash?: boolean } = {}): RegExp {
  return new RegExp(
    `^${template
      .split(/\{[^}/]+\}/)
      .map(toLiteralPattern)
      .join('[^/]+')}${options.trailingSlash ? '/?' : ''}$`,
  );
}
