/**
 * This process's environment without the sandbox's settings (MFA_SANDBOX_*), so a command a test starts reads only
 * what the test gives it (a credential left in a developer's shell must not change the outcome), except the scenario
 * cache directory of this test run (cache-dir-global-setup.ts), so no test writes to the user's ~/.cache.
 *
 * @example
 * spawnSync(tsx, [main, 'conformance', ...args], { env: { ...withoutSandboxSettings(), NO_COLOR: '1' } });
 */
export function withoutSandboxSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MFA_SANDBOX_') || name === 'MFA_SANDBOX_CACHE_DIR'));
}

/**
 * For an environment a test makes up for the command run in-process (`runCli(argv, env)`, `loadConfig(env)`): the
 * run's scenario cache directory, which such an environment would otherwise lack (the command's default is ~/.cache).
 *
 * @example
 * await runCli(['serve', '--port', '0'], { ...runCacheDir() }, io);
 */
export function runCacheDir(): { MFA_SANDBOX_CACHE_DIR: string } {
  return { MFA_SANDBOX_CACHE_DIR: process.env.MFA_SANDBOX_CACHE_DIR ?? 'off' };
}
