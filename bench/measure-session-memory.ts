import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from './bench-targets.js';
import type { MemorySample } from './session-memory-probe.js';

export interface SessionMemorySettings {
  idleSessions: number;
  enrolledSessions: number;
  busySessions: number;
  ttlSeconds: number;
}

/** What the probe prints: memory after a forced GC at each stage. */
export interface SessionMemoryFigures {
  idleCount: number;
  enrolledCount: number;
  busyCount: number;
  ttlSeconds: number;
  createMs: number;
  expiryWaitMs: number;
  baseline: MemorySample;
  idle: MemorySample;
  afterReset: MemorySample;
  enrolled: MemorySample;
  afterEnrolledReset: MemorySample;
  busy: MemorySample;
  afterBusyReset: MemorySample;
  afterExpiry: MemorySample;
}

/** Bytes per session between two samples. */
export function perSession(from: MemorySample, to: MemorySample, key: 'rssBytes' | 'heapUsedBytes', sessions: number): number {
  return (to[key] - from[key]) / sessions;
}

/** Run the memory probe in its own process (with --expose-gc, so it can force collections) and read its JSON line. */
export async function measureSessionMemory(settings: SessionMemorySettings): Promise<SessionMemoryFigures> {
  const probe = resolve(PACKAGE_ROOT, 'bench/session-memory-probe.ts');
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    probe,
    String(settings.idleSessions),
    String(settings.enrolledSessions),
    String(settings.ttlSeconds),
    String(settings.busySessions),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: PACKAGE_ROOT, timeout: 180_000, maxBuffer: 1024 * 1024 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as SessionMemoryFigures;
}
