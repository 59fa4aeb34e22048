import { startServer, type ServerCommand } from './server-process.js';

export interface ColdStartFigures {
  /** Milliseconds from spawn to the first 200, every run in order. */
  runsMs: number[];
  medianMs: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Time from process spawn to the first 200 of each server, `runs` times, alternating the servers so machine noise
 * falls on all of them alike. Every start is a fresh process, stopped by PID before the next one.
 */
export async function measureColdStarts<Id extends string>(servers: Record<Id, ServerCommand>, runs: number): Promise<Record<Id, ColdStartFigures>> {
  const ids = Object.keys(servers) as Id[];
  const times = new Map<Id, number[]>(ids.map((id) => [id, []]));
  for (let run = 0; run < runs; run++) {
    for (const id of run % 2 ? [...ids].reverse() : ids) {
      const server = await startServer(servers[id]);
      times.get(id)!.push(server.readyAfterMs);
      await server.stop();
    }
  }
  return Object.fromEntries([...times].map(([id, runsMs]) => [id, { runsMs, medianMs: median(runsMs) }])) as Record<Id, ColdStartFigures>;
}
