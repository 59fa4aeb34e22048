import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACTS_DIR } from './consumer/consumer-pact.js';

/**
 * Hand-written Pact V4 files for the negative cases (a wrong pact, an unknown provider state): written as plain JSON,
 * exactly as another team's Pact library would leave them, so no consumer run is needed to produce them.
 */

export interface FixtureInteraction {
  description: string;
  states?: Array<{ name: string; params?: Record<string, unknown> }>;
  /** `untypedBody`: the body is recorded without a Content-Type header (as a hand-written pact may be). */
  request: { method: string; path: string; query?: Record<string, string[]>; headers?: Record<string, string>; body?: unknown; untypedBody?: boolean };
  /** `matchingRules`: V4 body matching rules by JSON path (`{ '$.statusCode': [{ match: 'integer' }] }`). */
  response: { status: number; body?: unknown; matchingRules?: Record<string, Array<{ match: string }>> };
  /** V4 `pending`: a new expectation whose failures do not fail the pact. */
  pending?: boolean;
}

const jsonBody = (content: unknown) => ({ content, contentType: 'application/json', encoded: false });
const toHeaders = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));

const toBodyRules = (rules: Record<string, Array<{ match: string }>>) =>
  Object.fromEntries(Object.entries(rules).map(([path, matchers]) => [path, { combine: 'AND', matchers }]));

export async function createFixtureDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mfa-pacts-'));
}

/** Write a V4 pact file and return its path. */
export async function writePactFile(dir: string, consumer: string, provider: string, interactions: FixtureInteraction[]): Promise<string> {
  const pact = {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: interactions.map(({ description, states, request, response, pending }) => ({
      type: 'Synchronous/HTTP',
      description,
      ...(pending === undefined ? {} : { pending }),
      ...(states ? { providerStates: states } : {}),
      request: {
        method: request.method,
        path: request.path,
        ...(request.query ? { query: request.query } : {}),
        headers: toHeaders({ ...request.headers, ...(request.body === undefined || request.untypedBody ? {} : { 'Content-Type': 'application/json' }) }),
        ...(request.body === undefined ? {} : { body: jsonBody(request.body) }),
      },
      response: {
        status: response.status,
        ...(response.body === undefined ? {} : { headers: toHeaders({ 'Content-Type': 'application/json' }), body: jsonBody(response.body) }),
        ...(response.matchingRules === undefined ? {} : { matchingRules: { body: toBodyRules(response.matchingRules) } }),
      },
    })),
    metadata: { pactSpecification: { version: '4.0' } },
  };
  const file = join(dir, `${consumer}-${provider}.json`);
  await writeFile(file, `${JSON.stringify(pact, null, 2)}\n`);
  return file;
}

/** The pact files the consumer run wrote (the provider-side tests need them: run `npm run test:contract`). */
export async function consumerPactFiles(): Promise<string[]> {
  const files = (await readdir(PACTS_DIR).catch(() => [])).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no pact files in ${PACTS_DIR}: run the consumer tests first (npm run test:contract runs them in order)`);
  return files.map((name) => join(PACTS_DIR, name));
}

export const ADA_FLASHBACK = { Authorization: 'Bearer flashback-token-ada' };

/**
 * A pact the Flashback spec forbids twice: a path the API does not have, and a field of the wrong type
 * (`isEnabled` is a boolean, the pact says "yes").
 */
export function wrongFlashbackInteractions(): FixtureInteraction[] {
  return [
    {
      description: 'a request to a path Flashback does not have',
      states: [{ name: 'the user has no MFA' }],
      request: { method: 'GET', path: '/mfa/state', headers: ADA_FLASHBACK },
      response: { status: 200, body: { success: true, data: { isEnabled: false } } },
    },
    {
      description: 'a status whose isEnabled is a string',
      states: [{ name: 'the user has no MFA' }],
      request: { method: 'GET', path: '/mfa/status', headers: ADA_FLASHBACK },
      response: { status: 200, body: { success: true, data: { isEnabled: 'yes', isRequired: false, isEnforced: false, enabledMethods: [] } } },
    },
  ];
}
