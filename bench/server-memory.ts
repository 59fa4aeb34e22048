import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from './bench-targets.js';

/** Node flags that load the SIGUSR2 memory reporter into a server (see memory-signal-preload.mjs). */
export const MEMORY_PRELOAD_FLAGS = ['--expose-gc', '--import', resolve(PACKAGE_ROOT, 'bench/memory-signal-preload.mjs')];

/** The environment variable naming the file the preloaded reporter writes to. */
export const MEMORY_FILE_ENV = 'MFA_BENCH_MEMORY_FILE';

/** A server's memory at one moment, after forced full collections. */
export interface ServerMemorySample {
  /** VmRSS from /proc/<pid>/status, in bytes. */
  rssBytes: number;
  /** V8's heap in use, as the server itself reports it. */
  heapUsedBytes: number;
}

/** VmRSS of a process in bytes, from /proc/<pid>/status (reported there in kB); undefined without /proc. */
export function readVmRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface ReporterLine {
  sequence: number;
  heapUsedBytes: number;
  collected: boolean;
}

/** The reporter's last line, or undefined while the file is missing or half written. */
async function readReport(file: string): Promise<ReporterLine | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ReporterLine;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the memory of a server started with MEMORY_PRELOAD_FLAGS: signals it, waits until its reporter has collected
 * garbage and written the next sample, then reads VmRSS (so RSS, too, is measured after the collections).
 */
export function createServerMemoryReader(pid: number, file: string): () => Promise<ServerMemorySample> {
  let lastSequence = 0;
  return async () => {
    process.kill(pid, 'SIGUSR2');
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const report = await readReport(file);
      if (report && report.sequence > lastSequence) {
        if (!report.collected) throw new Error('the server was started without --expose-gc');
        lastSequence = report.sequence;
        const rssBytes = readVmRssBytes(pid);
        if (rssBytes === undefined) throw new Error(`no /proc/${pid}/status: the scaling bench needs Linux`);
        return { rssBytes, heapUsedBytes: report.heapUsedBytes };
      }
      await sleep(10);
    }
    throw new Error(`server ${pid} did not report its memory within 30 s`);
  };
}
