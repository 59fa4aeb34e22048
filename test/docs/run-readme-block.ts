import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { runBrowserBlock } from './run-browser-block.js';
import { runPlaywrightBlock } from './run-playwright-block.js';
import { runJestBlock } from './run-jest-block.js';
import { compileConsumerFile } from './compile-consumer-file.js';
import { createTestDatabase } from '../harness/postgres-test-database.js';
import { runComposeBlock } from './run-compose-block.js';
import { runCurlAt } from './run-curl.js';
import { README_PROXY_PORT, startBackgroundProxy, stopBackgroundProxy, type BackgroundProxy } from './run-background-proxy.js';
import type { CodeBlock } from './readme-blocks.js';
import type { ReadmeServer } from './readme-server.js';
import { toShellSteps, type ShellStep } from './shell-steps.js';
import { toShellWords } from './shell-words.js';

/** What the blocks of one README share while they run, in order. */
export interface ReadmeRun {
  /** The repository root (the clone under test). */
  root: string;
  /** A consumer's project folder inside the clone: snippets run here, pacts are written here. */
  workDir: string;
  /** The `npm start` server, started on first use. */
  server(): Promise<ReadmeServer>;
  /** Values read from documented answers (`"<code>"`), put into later commands in place of `<code>`. */
  captured: Map<string, string>;
  /** The proxy a `node_modules/.bin/mfa-sandbox proxy ... & PROXY=$!` command started, until `kill -INT $PROXY` stops it. */
  background?: BackgroundProxy | undefined;
}

const run = promisify(execFile);

/** Run one README code block; throws with what differed. Blocks no executor claims fail: every block is executed. */
export async function runReadmeBlock(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  if (block.lang === 'sh' && /^docker compose /m.test(block.code)) await runComposeBlock(block, readme);
  else if (block.lang === 'sh' && /^docker /m.test(block.code)) await runDockerBlock(block, readme);
  else if (block.lang === 'sh') {
    await resetSandboxIfUsed(block, readme);
    for (const step of toShellSteps(block.code)) await runShellStep(step, readme);
  } else if (block.lang === 'ts' && /from 'msw\/browser'/.test(block.code)) await runBrowserBlock(block, readme.root);
  else if (block.lang === 'ts' && /from 'mfa-sandbox\/playwright'/.test(block.code)) await runPlaywrightBlock(block, readme.root, readme.workDir);
  else if (block.lang === 'ts') await runTypeScript(block, readme);
  else if (block.lang === 'js' && /require\('mfa-sandbox'\)/.test(block.code)) await runJestBlock(block, readme.root, readme.workDir);
  else if (block.lang === 'yaml') await runYaml(block, readme);
  else if (block.lang === '' && block.code.startsWith('mfa-sandbox: ')) await compareWithHelp(block, readme);
  else if (block.lang === '' && /^(PASS|FAIL) /.test(block.code)) await compareVerifyReport(block, readme);
  else throw new Error(`README line ${block.line}: no executor for this ${block.lang || 'bare'} block; every block must be run`);
}

/** Each block that talks to the server starts from fresh sessions, as a reader who follows one section would. */
async function resetSandboxIfUsed(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  if (!block.code.includes('curl ')) return;
  const { authority } = await readme.server();
  const res = await fetch(`http://${authority}/__admin/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`could not reset the sandbox: ${res.status}`);
}

async function runShellStep(step: ShellStep, readme: ReadmeRun): Promise<void> {
  const command = step.command.replace(/<([\w-]+)>/g, (whole, name: string) => readme.captured.get(name) ?? whole);
  if (command === 'npm ci && npm start') await readme.server();
  else if (command === 'npm ci && npm test') await expectCiRunsReadmeCommands(readme.root);
  else if (command.startsWith('node_modules/.bin/mfa-sandbox proxy ') && command.endsWith('& PROXY=$!')) {
    readme.background = await startBackgroundProxy(command, (await readme.server()).authority, readme.workDir);
  } else if (command === 'kill -INT $PROXY; wait $PROXY' && readme.background) {
    const proxy = readme.background;
    readme.background = undefined;
    await stopBackgroundProxy(proxy, step.expected);
  } else if (command.startsWith('curl ')) await runCurl(command, step.expected, readme);
  else if (command.startsWith('npx mfa-sandbox ')) await runNpx(command, step.expected, readme);
  else if (command.startsWith('npm run bench')) await runBenchDryRun(command, readme);
  else if (command.startsWith('npm run fuzz')) await runStatefulFuzz(command, readme);
  else throw new Error(`no executor for the README command: ${command}`);
}

/** `.ci/run` must run the README's own commands, so CI proves what a newcomer gets. */
async function expectCiRunsReadmeCommands(root: string): Promise<void> {
  const lines = (await readFile(join(root, '.ci/run'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const ci = lines.findIndex((line) => /^npm ci( |$)/.test(line));
  const test = lines.indexOf('npm test');
  if (ci < 0 || test < ci) throw new Error(`.ci/run must run "npm ci" and then "npm test" (the README's commands); it runs:\n${lines.join('\n')}`);
}

async function runCurl(command: string, expected: string[], readme: ReadmeRun): Promise<void> {
  const { authority } = await readme.server();
  const proxied = readme.background ? command.replaceAll(README_PROXY_PORT, readme.background.authority) : command;
  await runCurlAt(proxied, expected, authority, readme.captured, readme.workDir);
}

/** `npx mfa-sandbox ...` as a process in the consumer's folder: `serve` must answer, anything else exit as documented. */
async function runNpx(command: string, expected: string[], readme: ReadmeRun): Promise<void> {
  const args = toShellWords(command).slice(1);
  const env = { ...process.env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' };
  if (args[1] === 'serve') {
    await expectServeAnswers(args, readme.workDir, env);
    return;
  }
  const result = await run('npx', args, { cwd: readme.workDir, env, timeout: 120_000, maxBuffer: 8 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  const exit = expected.map((line) => /^exit (\d+)/.exec(line)).find(Boolean);
  const wanted = exit ? Number(exit[1]) : 0;
  if (result.code !== wanted) throw new Error(`${command}: exit ${result.code}, expected ${wanted}\n${result.output.slice(-3000)}`);
}

/**
 * `npx mfa-sandbox serve ...` must start and answer its health check. A `--state postgres://...` URL of the README's is
 * replaced by a database of its own on the test run's PostgreSQL, and the health answer must then say `postgres`.
 */
async function expectServeAnswers(readmeArgs: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const stateAt = readmeArgs.indexOf('--state');
  const database = stateAt >= 0 && readmeArgs[stateAt + 1]?.startsWith('postgres') ? await createTestDatabase() : undefined;
  const args = database ? readmeArgs.map((arg, index) => (index === stateAt + 1 ? database.url : arg)) : readmeArgs;
  try {
    await expectHealthyServe(args, cwd, env, database ? 'postgres' : 'memory');
  } finally {
    await database?.drop();
  }
}

async function expectHealthyServe(args: string[], cwd: string, env: NodeJS.ProcessEnv, state: string): Promise<void> {
  const child = spawn('npx', [...args, '--port', '0', '--log-level', 'warn'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npx ${args.join(' ')}: no listening line in 30 s\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /listening: .*?(http:\/\/[^/\s]+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`npx ${args.join(' ')} exited (${code})\n${output}`)));
    });
    const res = await fetch(`${url}/__admin/health`);
    if (!res.ok) throw new Error(`npx ${args.join(' ')}: /__admin/health answered ${res.status}`);
    const health = (await res.json()) as { state?: string };
    if (health.state !== state) throw new Error(`npx ${args.join(' ')}: sessions are in ${health.state}, expected ${state}`);
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * The Docker block, without a Docker engine: `docker build` and each `docker run -e ...` become one run of
 * scripts/docker-equivalent-check.sh, which builds and installs as the Dockerfile does, then starts the image's CMD once
 * per `docker run` with its variables, on the image's Node, until its HEALTHCHECK passes.
 */
async function runDockerBlock(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  const steps = toShellSteps(block.code).map((step) => toShellWords(step.command));
  const [build, ...runs] = steps;
  if (build?.join(' ') !== 'docker build -t mfa-sandbox .')
    throw new Error(`README line ${block.line}: the Docker block must start with "docker build -t mfa-sandbox ."`);
  const runArgs = runs.flatMap((words) => {
    if (words[0] !== 'docker' || words[1] !== 'run' || words.at(-1) !== 'mfa-sandbox')
      throw new Error(`README line ${block.line}: not a docker run of the image: ${words.join(' ')}`);
    const env = words.flatMap((word, index) => (words[index - 1] === '-e' ? [word] : []));
    return ['--run', env.join(' ')];
  });
  const { stdout } = await run('bash', ['scripts/docker-equivalent-check.sh', ...runArgs], { cwd: readme.root, timeout: 280_000, maxBuffer: 8 << 20 }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`README line ${block.line}: the Docker steps failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
  if (!stdout.includes(`docker-equivalent-check: ok (${runs.length} run(s)`))
    throw new Error(`the Docker check did not report ${runs.length} runs:\n${stdout}`);
}

/** `npm run fuzz -- <flags>`: runs for real (the README's run is short) and must pass on every surface. */
async function runStatefulFuzz(command: string, readme: ReadmeRun): Promise<void> {
  const words = toShellWords(command);
  const flags = words.includes('--') ? words.slice(words.indexOf('--') + 1) : [];
  const tsx = join(readme.root, 'node_modules/.bin/tsx');
  const { stdout } = await run(tsx, ['scripts/stateful-fuzz.ts', ...flags], { cwd: readme.root, timeout: 120_000, maxBuffer: 8 << 20 }).catch(
    (error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`${command} failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`, { cause: error });
    },
  );
  if (!/^ok: flashback, nest-auth, lerian, genauth/m.test(stdout)) throw new Error(`${command} did not pass on every surface:\n${stdout}`);
}

/** `npm run bench -- <flags>`: the flags must be ones the benchmark takes (checked by its --dry-run, without measuring). */
async function runBenchDryRun(command: string, readme: ReadmeRun): Promise<void> {
  const words = toShellWords(command);
  const flags = words.includes('--') ? words.slice(words.indexOf('--') + 1) : [];
  const tsx = join(readme.root, 'node_modules/.bin/tsx');
  await run(tsx, ['bench/run-bench.ts', ...flags, '--dry-run'], { cwd: readme.root, timeout: 30_000 }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`${command}: the benchmark refuses these flags: ${error.stderr ?? error.message}`, { cause: error });
  });
}

/**
 * A TypeScript block is a program: compiled with `tsc --strict` in a consumer's folder where `mfa-sandbox` is this
 * clone's source, then run with tsx. A `console.log(...); // -> text` line says what it must print.
 */
async function runTypeScript(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  const file = join(readme.workDir, `readme-line-${block.line}.ts`);
  await writeFile(file, block.code);
  await compileConsumerFile(readme.root, readme.workDir, file, block.line);
  const tsx = join(readme.root, 'node_modules/.bin/tsx');
  const { stdout } = await run(tsx, ['--tsconfig', join(readme.workDir, 'tsconfig.json'), file], {
    cwd: readme.workDir,
    timeout: 60_000,
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`README line ${block.line}: the snippet failed when run:\n${error.stdout}${error.stderr}`);
  });
  const wanted = [...block.code.matchAll(/console\.log\(.*\/\/ -> (.*)$/gm)].map((match) => match[1]!.trim());
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // Pact's Verifier prints its own report on stdout first: the snippet's documented lines are the last ones.
  const printed = /import \{ Verifier \} from '@pact-foundation\/pact'/.test(block.code) && wanted.length > 0 ? lines.slice(-wanted.length) : lines;
  if (JSON.stringify(printed) !== JSON.stringify(wanted)) {
    throw new Error(`README line ${block.line}: the snippet printed ${JSON.stringify(printed)}, the README says ${JSON.stringify(wanted)}`);
  }
}

/**
 * A scenario block names its file in its first line; `mfa-sandbox check --strict` must accept it beside the shipped
 * ones, warnings included: an example that warns (a setting its surface never reads) teaches what changes nothing.
 */
async function runYaml(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  const document = parseYaml(block.code) as Record<string, unknown>;
  const named = /^# (scenarios\/([\w-]+)\/([\w-]+)\.ya?ml)/.exec(block.code);
  if (named) {
    // A block that names a shipped scenario shows that file, word for word.
    const shipped = await readFile(join(readme.root, named[1]!), 'utf8').catch(() => undefined);
    if (shipped !== undefined && shipped !== block.code) throw new Error(`README line ${block.line}: the block differs from the shipped ${named[1]}`);
    // The shipped file itself, word for word: checked with the shipped scenarios (a copy beside it would only warn that it replaces it).
    if (shipped !== undefined) return;
    const dir = join(readme.workDir, 'scenarios', named[2]!);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${named[3]}.yaml`), block.code);
    const tsx = join(readme.root, 'node_modules/.bin/tsx');
    const { stdout } = await run(tsx, [join(readme.root, 'src/main.ts'), 'check', '--strict', '--scenarios', join(readme.workDir, 'scenarios')], {
      cwd: readme.root,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`README line ${block.line}: mfa-sandbox check refuses ${named[1]}:\n${error.stdout}${error.stderr}`);
    });
    if (!stdout.includes(named[2]!)) throw new Error(`check did not report on ${named[2]}:\n${stdout}`);
    return;
  }
  const steps = Object.values((document.jobs ?? {}) as Record<string, { steps?: Array<{ run?: string }> }>).flatMap((job) => job.steps ?? []);
  const runs = (Array.isArray(document) ? (document as Array<{ run?: string }>) : steps).filter((step) => step.run);
  if (runs.length === 0)
    throw new Error(`README line ${block.line}: a YAML block must name its scenario file ("# scenarios/<surface>/<name>.yaml") or be CI steps with run:`);
  for (const step of runs) await runShellStep({ command: step.run!.trim(), expected: [] }, readme);
}

/** The CLI block is `mfa-sandbox --help`, word for word. */
async function compareWithHelp(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  const { stdout } = await run('npx', ['mfa-sandbox', '--help'], { cwd: readme.workDir });
  if (stdout.trim() !== block.code.trim()) {
    throw new Error(`README line ${block.line}: the CLI block differs from \`mfa-sandbox --help\`; it prints:\n${stdout}`);
  }
}

/** The sample report: `mfa-sandbox verify` on the careless pact it names prints these lines, in this order (a line
 * ending in "..." only its start). */
async function compareVerifyReport(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  const { writePactFile, wrongFlashbackInteractions } = await import('../contract/pact-fixtures.js');
  const dir = join(readme.workDir, 'careless');
  await mkdir(join(dir, 'pacts'), { recursive: true });
  await writePactFile(join(dir, 'pacts'), 'careless-web', 'flashback', wrongFlashbackInteractions());
  const output = await run('npx', ['mfa-sandbox', 'verify', '--pact', 'pacts'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' },
    timeout: 120_000,
  }).then(
    () => {
      throw new Error('verify passed a pact the README says fails');
    },
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const normalise = (line: string) => line.replace(/in \d+(\.\d+)? s$/, 'in N s').trimEnd();
  const printed = output.split('\n').map(normalise);
  let from = 0;
  for (const line of block.code.trimEnd().split('\n').map(normalise)) {
    // A README line that ends in "..." shows the start of a longer line.
    const matches = (candidate: string) => (line.endsWith('...') ? candidate.startsWith(line.slice(0, -3)) : candidate === line);
    const at = printed.findIndex((candidate, index) => index >= from && matches(candidate));
    if (at < 0) throw new Error(`README line ${block.line}: verify did not print ${JSON.stringify(line)} (in order); it printed:\n${output.slice(-4000)}`);
    from = at + 1;
  }
}
