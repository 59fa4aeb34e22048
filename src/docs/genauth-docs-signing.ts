import { readFile } from 'node:fs/promises';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { OpenApiDocument } from '../openapi/openapi-types.js';
import { SOURCE_ROOT } from '../source-root.js';

/** The browser signer (plain JS, copied next to this module by `npm run build`). */
const SIGNER_FILE = new URL('docs/public/genauth-request-signer.js', SOURCE_ROOT);

export interface AccessKey {
  id: string;
  secret: string;
}

/** What the GenAuth docs page needs so "try it out" sends requests the sandbox accepts. */
export interface GenAuthDocsSigning {
  /** The page script (Swagger UI theme JS): the signer, configured with the mount prefix and access key. */
  script: string;
  /** Swagger UI's requestInterceptor: serialised into the page with Function.prototype.toString, so self-contained. */
  requestInterceptor: (request: unknown) => unknown;
  /** The docs document with the signing explained on the security scheme. */
  document: OpenApiDocument;
}

/**
 * The access key the docs page signs with: the first one the surface's default scenario declares (every shipped
 * GenAuth scenario has genauth-sandbox-key / genauth-sandbox-secret).
 */
export function toDocsAccessKey(catalogue: ScenarioCatalogue, defaultScenario: string): AccessKey | undefined {
  const scenarios = catalogue.get('genauth');
  const scenario = scenarios?.get(defaultScenario) ?? scenarios?.get('default') ?? [...(scenarios?.values() ?? [])][0];
  return scenario?.world.accessKeys?.[0];
}

function withSigningNote(document: OpenApiDocument, key: AccessKey): OpenApiDocument {
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, { type?: string; description?: string }>;
  const note =
    `\n\n**In this page** "try it out" signs every request for you with access key \`${key.id}\` (secret \`${key.secret}\`), ` +
    'a fresh nonce and `x-genauth-date` (a browser may not set `date`). To sign with another key of the scenario, ' +
    'Authorize with `<accessKeyId>:<secret>`; a value that is already a full `GenAuth ...` signature is sent as typed.';
  const described = Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => [
      name,
      scheme.type === 'apiKey' ? { ...scheme, description: `${scheme.description ?? ''}${note}` } : scheme,
    ]),
  );
  return { ...document, components: { ...document.components, securitySchemes: described } };
}

/**
 * Signing for the GenAuth docs page: Swagger UI runs the interceptor before each "try it out" call, and the page script
 * computes the HMAC-SHA1 signature in the browser (Web Crypto) exactly as the sandbox verifies it.
 *
 * @example
 * const signing = await loadGenAuthDocsSigning(document, '/genauth', { id: 'genauth-sandbox-key', secret: 'genauth-sandbox-secret' });
 * // swagger-ui options: { theme: { js: [{ filename: 'genauth-request-signer.js', content: signing.script }] }, uiConfig: { requestInterceptor: signing.requestInterceptor } }
 */
export async function loadGenAuthDocsSigning(document: OpenApiDocument, prefix: string, key: AccessKey): Promise<GenAuthDocsSigning> {
  const signer = await readFile(SIGNER_FILE, 'utf8');
  const config = { prefix, accessKeyId: key.id, accessKeySecret: key.secret };
  return {
    script: `window.MFA_SANDBOX_GENAUTH_SIGNING = ${JSON.stringify(config)};\n${signer}`,
    // Runs in the page: only globals, no closures (the page scripts define the functions before Swagger UI starts). The
    // request is put in the browser's session first (docs-session.js, on every docs page), then signed as sent.
    requestInterceptor: (request) => {
      const page = globalThis as unknown as Record<'mfaSandboxSignGenAuthRequest' | 'mfaSandboxDocsRequest', (request: unknown) => unknown>;
      return page.mfaSandboxSignGenAuthRequest(page.mfaSandboxDocsRequest(request));
    },
    document: withSigningNote(document, key),
  };
}
