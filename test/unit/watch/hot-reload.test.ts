import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createHotReloader, isStillThere, type AppVersion } from '../../../src/watch/hot-reload.js';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  const swapped: FastifyInstance[] = [];
  return {
    out,
    err,
    swapped,
    // The paths are made up: each is taken to be on disk, but those named `gone`.
    io: {
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      swap: (app: FastifyInstance) => swapped.push(app),
      exists: (path: string) => !path.includes('gone'),
    },
  };
}

describe('createHotReloader', () => {
  it('swaps a good version in and prints one line: what changed, and "reloaded"', async () => {
    const seen = recorder();
    const app = Fastify();
    const reloader = createHotReloader({ build: async () => ({ app, warnings: ['a warning'] }), ...seen.io });
    await reloader.reload(['/s/lerian/x.yaml', '/s/lerian/y.yaml']);
    expect(seen.swapped).toEqual([app]);
    // The first reload says, once, what a reload does not change: the worlds sessions built already.
    expect(seen.out).toEqual([
      'mfa-sandbox: watch: /s/lerian/x.yaml, /s/lerian/y.yaml changed: reloaded; a session keeps the world it built from a changed scenario until it is reset or switched to it again',
    ]);
    expect(seen.err).toEqual(['mfa-sandbox: warning: a warning']);
    await app.close();
  });

  it("prints only the warnings it did not print before, and counts those that still apply (a scenario author's tour)", async () => {
    const seen = recorder();
    const app = Fastify();
    let warnings = ['flashback/default.yaml replaces the shipped one', 'genauth/g.yaml#/world/org: ignored'];
    const reloader = createHotReloader({
      build: async () => ({ app, warnings }),
      ...seen.io,
      shownWarnings: ['flashback/default.yaml replaces the shipped one'],
    });
    await reloader.reload(['/s/genauth/g.yaml']);
    expect(seen.err).toEqual(['mfa-sandbox: warning: genauth/g.yaml#/world/org: ignored']);
    expect(seen.out).toEqual([
      'mfa-sandbox: watch: /s/genauth/g.yaml changed: reloaded (1 earlier warning still applies); a session keeps the world it built from a changed scenario until it is reset or switched to it again',
    ]);
    // Fixed, then broken again: a warning that went and came back is news again.
    warnings = ['flashback/default.yaml replaces the shipped one'];
    await reloader.reload(['/s/genauth/g.yaml']);
    warnings = ['flashback/default.yaml replaces the shipped one', 'genauth/g.yaml#/world/org: ignored'];
    await reloader.reload(['/s/genauth/g.yaml']);
    expect(seen.err).toEqual(['mfa-sandbox: warning: genauth/g.yaml#/world/org: ignored', 'mfa-sandbox: warning: genauth/g.yaml#/world/org: ignored']);
    expect(seen.out.slice(1)).toEqual([
      'mfa-sandbox: watch: /s/genauth/g.yaml changed: reloaded (1 earlier warning still applies)',
      'mfa-sandbox: watch: /s/genauth/g.yaml changed: reloaded (1 earlier warning still applies)',
    ]);
    await app.close();
  });

  it('says which changed paths were removed', async () => {
    const seen = recorder();
    const app = Fastify();
    const reloader = createHotReloader({ build: async () => ({ app, warnings: [] }), ...seen.io });
    await reloader.reload(['/s/lerian/x.yaml', '/s/lerian/gone.yaml']);
    await reloader.reload(['/s/lerian/gone-too.yaml']);
    expect(seen.out).toEqual([
      'mfa-sandbox: watch: /s/lerian/x.yaml changed, /s/lerian/gone.yaml removed: reloaded; a session keeps the world it built from a changed scenario until it is reset or switched to it again',
      'mfa-sandbox: watch: /s/lerian/gone-too.yaml removed: reloaded',
    ]);
    await app.close();
  });

  it('keeps the last good version on a broken edit (no swap) and prints the problem, never throwing', async () => {
    const seen = recorder();
    const reloader = createHotReloader({
      build: async () => {
        throw new Error('/s/lerian/x.yaml#/overrides/0/status: getMfaStatus declares no 302 response');
      },
      ...seen.io,
    });
    await expect(reloader.reload(['/s/lerian/x.yaml'])).resolves.toBeUndefined();
    expect(seen.swapped).toEqual([]);
    expect(seen.out).toEqual([]);
    expect(seen.err).toEqual([
      'mfa-sandbox: watch: /s/lerian/x.yaml changed: not reloaded, the last good version keeps serving: /s/lerian/x.yaml#/overrides/0/status: getMfaStatus declares no 302 response',
    ]);
  });

  it('drops (closes) a version that built but failed to become ready', async () => {
    const seen = recorder();
    const app = Fastify();
    let closed = false;
    app.addHook('onClose', async () => {
      closed = true;
    });
    app.register(async () => {
      throw new Error('plugin failed');
    });
    const reloader = createHotReloader({ build: async () => ({ app, warnings: [] }), ...seen.io });
    await reloader.reload(['/s/x.yaml']);
    expect(seen.swapped).toEqual([]);
    expect(seen.err[0]).toMatch(/not reloaded, the last good version keeps serving: plugin failed/);
    expect(closed).toBe(true);
  });

  it('runs one reload at a time; changes met during one are taken by a single reload after it', async () => {
    const seen = recorder();
    const builds: Array<(version: AppVersion) => void> = [];
    const reloader = createHotReloader({ build: () => new Promise<AppVersion>((resolve) => builds.push(resolve)), ...seen.io });
    const first = reloader.reload(['a.yaml']);
    void reloader.reload(['b.yaml']);
    void reloader.reload(['c.yaml', 'b.yaml']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(builds).toHaveLength(1); // the others wait
    const apps = [Fastify(), Fastify()];
    builds[0]!({ app: apps[0]!, warnings: [] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(builds).toHaveLength(2);
    builds[1]!({ app: apps[1]!, warnings: [] });
    await first;
    expect(seen.out).toEqual([
      'mfa-sandbox: watch: a.yaml changed: reloaded; a session keeps the world it built from a changed scenario until it is reset or switched to it again',
      'mfa-sandbox: watch: b.yaml, c.yaml changed: reloaded',
    ]);
    expect(seen.swapped).toEqual(apps);
    await Promise.all(apps.map((app) => app.close()));
  });
});

describe('isStillThere (what the reload line calls removed)', () => {
  it('takes a new symbolic link to nothing, or a loop of links, as there (it said "removed"); a deleted path as gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-hot-reload-'));
    try {
      const dangling = join(dir, 'd.yaml');
      const loop = join(dir, 'loop.yaml');
      await symlink(join(dir, 'nonexistent.yaml'), dangling);
      await symlink(loop, loop);
      expect([isStillThere(dangling), isStillThere(loop), isStillThere(join(dir, 'gone.yaml'))]).toEqual([true, true, false]);
      // The reloader's own default: the new link is a change, as a new plain file is, and the reload says why it fails.
      const err: string[] = [];
      const reloader = createHotReloader({
        build: () => Promise.reject(new Error(`${dangling}: a symbolic link to nothing`)),
        swap: () => undefined,
        out: () => undefined,
        err: (line) => err.push(line),
      });
      await reloader.reload([dangling]);
      expect(err).toEqual([
        `mfa-sandbox: watch: ${dangling} changed: not reloaded, the last good version keeps serving: ${dangling}: a symbolic link to nothing`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
