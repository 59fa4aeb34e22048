import { accessSync, constants, statSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chooseBrowser, systemBrowserPaths, type BrowserCandidate, type BrowserChoice } from './browser-choice.js';
import { bundledChromiumEntry, unpackBundledChromium } from './bundled-chromium.js';

/** Flags for a headless browser in a container with no network: no sandbox, GPU, QUIC or background traffic. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `@sparticuz/chromium`'s own flags (made for AWS Lambda) we must not pass: it turns web security off, which would let
 * every cross-origin fetch through and so make the CORS tests unable to fail; and `--single-process` (a Lambda
 * workaround) ends the whole browser when a test closes its last page, failing the next test's `newPage()`.
 */
const UNSUITABLE_BUNDLED_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Gather the candidates from this machine and pick one (order and errors: browser-choice.ts). */
export function resolveBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const envPath = env.CHROMIUM_PATH;
  const system: BrowserCandidate[] = systemBrowserPaths(env.PATH).map((path) => ({ path, executable: isExecutableFile(path) }));
  return chooseBrowser({
    chromiumPathEnv: { path: envPath, executable: envPath ? isExecutableFile(envPath) : false },
    system,
    bundledInstalled: bundledChromiumEntry() !== undefined,
  });
}

/**
 * Launch a headless Chromium through playwright-core: `CHROMIUM_PATH`, else a system Chrome/Chromium, else the one
 * bundled in `@sparticuz/chromium` (unpacked once into the temp directory). No browser is a failure with what was
 * tried spelled out, never a skip: the browser tests are part of `npm test`.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...(await chromiumLaunchOptions()), headless: true });
}

/** The executable and flags {@link launchChromium} launches with, for a runner that launches it itself (`playwright test`). */
export async function chromiumLaunchOptions(): Promise<{ executablePath: string; args: string[] }> {
  const choice = resolveBrowser();
  if (choice.source !== 'bundled') return { executablePath: choice.executablePath, args: ARGS };

  const entry = bundledChromiumEntry()!;
  const executablePath = await unpackBundledChromium(entry);
  const { default: bundled } = await import('@sparticuz/chromium');
  return { executablePath, args: [...new Set([...bundled.args.filter((arg) => !UNSUITABLE_BUNDLED_ARGS.has(arg)), ...ARGS])] };
}

/**
 * Everything a page reports as broken, collected as it happens: uncaught exceptions, console errors and, with
 * `httpErrors`, every answer of 400 or more it received. Tests assert the list is empty.
 */
export function collectPageErrors(page: Page, options: { httpErrors?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url}`);
  });
  if (options.httpErrors) {
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
    });
  }
  return errors;
}
