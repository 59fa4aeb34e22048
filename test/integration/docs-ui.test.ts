import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/** Swagger UI per surface (/docs/<surface>) and the QA console's files, through the app itself. */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(() => sandbox?.close());

describe('docs UI', () => {
  it.each(SURFACE_IDS)('/docs/%s serves Swagger UI and the spec, with one server: the running prefix', async (surface) => {
    const page = await sandbox.app.inject({ url: `/docs/${surface}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(`/docs/${surface}/static/swagger-ui-bundle.js`);

    const served = (await sandbox.app.inject({ url: `/docs/${surface}/json` })).json();
    const spec = sandbox.specs.get(surface)!;
    expect(served.servers).toEqual([
      { url: `/${surface}`, description: expect.stringContaining('this mfa-sandbox') },
      { url: `/s/{session}/${surface}`, description: expect.stringContaining('session'), variables: { session: expect.objectContaining({ default: 'docs' }) } },
    ]);
    expect(served.info).toEqual(spec.document.info);
    // Every operation of the spec is there, unchanged apart from the sandbox's control headers on each path.
    const operations = (document: any) => toRouteDefinitions(document).map((route) => `${route.method} ${route.path} ${route.operationId}`);
    expect(operations(served).sort()).toEqual(operations(spec.api).sort());
    for (const item of Object.values<any>(served.paths)) {
      expect(item.parameters.filter((parameter: any) => parameter['x-sandbox-control']).map((parameter: any) => parameter.name)).toEqual([
        'X-Mock-Session',
        'Prefer',
      ]);
    }
    const prefer = served.paths[Object.keys(served.paths)[0]!].parameters[1];
    expect(Object.keys(prefer.examples)).toEqual(['none', 'prefer-explain', ...sandbox.sessions.catalogue.get(surface)!.keys()]);
  });

  it.each(SURFACE_IDS)(
    '/docs/%s/json is a valid OpenAPI document, with no component it no longer uses (client generators and linters read it)',
    async (surface) => {
      const served = (await sandbox.app.inject({ url: `/docs/${surface}/json` })).json();
      const result = await validate(structuredClone(served));
      expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
      // Parameter references are inlined in the copy; a component left behind is a linter's "never used" warning.
      const referenced = JSON.stringify({ ...served, components: { ...served.components, parameters: undefined } });
      for (const name of Object.keys(served.components.parameters ?? {})) expect(referenced, name).toContain(`"#/components/parameters/${name}"`);
    },
  );

  it('names each security scheme after its surface, so an authorisation entered on one docs page stays there', async () => {
    const schemesOf = async (surface: string) => (await sandbox.app.inject({ url: `/docs/${surface}/json` })).json();
    const nestAuth = await schemesOf('nest-auth');
    const lerian = await schemesOf('lerian');
    // Both specs call their bearer scheme `bearer`; Swagger UI keeps authorisations per scheme name across pages.
    expect(Object.keys(sandbox.specs.get('nest-auth')!.document.components!.securitySchemes!)).toContain('bearer');
    expect(Object.keys(sandbox.specs.get('lerian')!.document.components!.securitySchemes!)).toContain('bearer');
    expect(Object.keys(nestAuth.components.securitySchemes)).toContain('nest-auth.bearer');
    expect(Object.keys(lerian.components.securitySchemes)).toContain('lerian.bearer');
    // Every requirement names a scheme the document has.
    for (const document of [nestAuth, lerian]) {
      const names = new Set(Object.keys(document.components.securitySchemes));
      const requirements = Object.values<any>(document.paths).flatMap((item) => Object.values<any>(item).flatMap((operation) => operation?.security ?? []));
      expect(requirements.length).toBeGreaterThan(0);
      for (const requirement of requirements) for (const name of Object.keys(requirement)) expect(names.has(name), name).toBe(true);
    }
  });

  it("names the tokens this sandbox takes in each bearer scheme's description, which Authorize shows (a QA had to find them)", async () => {
    const schemesOf = async (surface: string) =>
      (await sandbox.app.inject({ url: `/docs/${surface}/json` })).json<{ components: { securitySchemes: Record<string, { description?: string }> } }>()
        .components.securitySchemes;
    expect((await schemesOf('flashback'))['flashback.bearerAuth']!.description).toContain(
      '**In this sandbox** enter a token a scenario gives its users: `flashback-token-ada`, `flashback-token-bob`',
    );
    expect((await schemesOf('lerian'))['lerian.bearer']!.description).toContain('`lerian-token-johndoe`, `lerian-token-operator`');
    expect((await schemesOf('nest-auth'))['nest-auth.bearer']!.description).toContain('`nest-auth-token-ada`');
    // The loaded spec keeps the vendor's own words.
    expect(JSON.stringify(sandbox.specs.get('flashback')!.document.components!.securitySchemes)).not.toContain('In this sandbox');
  });

  it('leaves the loaded spec untouched (the docs copy is separate)', async () => {
    await sandbox.app.inject({ url: '/docs/lerian/json' });
    expect(sandbox.specs.get('lerian')!.document.servers?.map((server) => server.url)).not.toContain('/lerian');
  });

  it("serves Swagger UI's own assets and an index of the surfaces", async () => {
    const bundle = await sandbox.app.inject({ url: '/docs/flashback/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect(bundle.rawPayload.length).toBeGreaterThan(500_000);
    const initializer = (await sandbox.app.inject({ url: '/docs/genauth/static/swagger-initializer.js' })).body;
    expect(initializer).toContain('"tryItOutEnabled":true');
    const index = (await sandbox.app.inject({ url: '/docs' })).body;
    // With a slash: there Swagger UI loads its files by relative path (see test/integration/path-prefix.test.ts).
    for (const surface of SURFACE_IDS) expect(index).toContain(`href="/docs/${surface}/"`);
  });

  it('keeps every docs page to its own files and out of frames of other sites, and its files from being sniffed as another type', async () => {
    // The browser test of "try it out" (test/browser/docs-try-it-out.test.ts) proves the pages still work under it.
    for (const url of ['/docs', '/docs/flashback', '/docs/genauth/', '/docs/genauth/static/theme/genauth-request-signer.js', '/docs/lerian/json']) {
      const res = await sandbox.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      const policy = String(res.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"])
        expect(policy, url).toContain(directive);
      expect(policy, url).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('an unknown docs page is a sandbox error', async () => {
    const res = await sandbox.app.inject({ url: '/docs/okta' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-mock-error']).toBe('true');
    expect(res.json()).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND', docs: SURFACE_IDS.map((surface) => `/docs/${surface}`) });
  });

  it("a path that climbs out of the docs' files is the same sandbox error, not the static server's own 403 (a security review)", async () => {
    for (const url of ['/docs/flashback/static/..%5c..', '/docs/flashback/static/..%5c..%5cpackage.json']) {
      const res = await sandbox.app.inject({ url });
      expect([res.statusCode, res.headers['content-type'], res.json().code], url).toEqual([
        404,
        'application/problem+json; charset=utf-8',
        'MOCK_ERR_ROUTE_NOT_FOUND',
      ]);
    }
  });

  it('in single-surface mode the server is `/`', async () => {
    const lerianOnly = await createTestSandbox({ surface: 'lerian' });
    try {
      expect((await lerianOnly.app.inject({ url: '/docs/lerian/json' })).json().servers[0].url).toBe('/');
    } finally {
      await lerianOnly.close();
    }
  });
});

describe('QA console files', () => {
  it('serves the page, its script and style at /__console/ (/__console is sent there)', async () => {
    expect((await sandbox.app.inject({ url: '/__console' })).headers.location).toBe('__console/');
    const page = await sandbox.app.inject({ url: '/__console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<script type="module" src="console.js">');
    const script = await sandbox.app.inject({ url: '/__console/console.js' });
    expect(script.headers['content-type']).toContain('javascript');
    // The console talks to the admin API only, beside its own page: its one fetch call is on an ADMIN URL.
    expect(script.body).toContain("const ADMIN = new URL('../__admin', document.baseURI).pathname;");
    expect(script.body).not.toMatch(/fetch\((?!`\$\{ADMIN\})/);
    expect((await sandbox.app.inject({ url: '/__console/console.css' })).headers['content-type']).toContain('text/css');
  });

  it('keeps the page to its own files and out of frames of other sites, and its files from being sniffed as another type', async () => {
    const page = await sandbox.app.inject({ url: '/__console/' });
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    for (const file of ['/__console/', '/__console/console.js', '/__console/console.css'])
      expect((await sandbox.app.inject({ url: file })).headers['x-content-type-options'], file).toBe('nosniff');
  });

  it('an unknown console file is a sandbox error', async () => {
    const res = await sandbox.app.inject({ url: '/__console/../package.json' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-mock-error']).toBe('true');
  });
});
