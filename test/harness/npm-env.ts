/**
 * The environment for an npm or npx command a test runs, as a user would from a shell. Run under `npm exec -c` or
 * `npx -p`, this process inherits that command's own options as npm_config_* variables (`npm_config_call`, ...), and a
 * nested `npx mfa-sandbox` would take them as its own (`npm error code EUSAGE`). The npm configuration (cache,
 * registry, ...) is kept: the tests install from the same cache.
 */
const EXEC_OPTIONS = ['npm_config_call', 'npm_config_package', 'npm_config_yes'];

export function npmChildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const name of Object.keys(env)) if (EXEC_OPTIONS.includes(name.toLowerCase())) delete env[name];
  return { ...env, ...extra };
}
