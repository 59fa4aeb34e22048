import { shown, type ConditionMiss } from './condition-miss.js';
import type { FaultKind, LatencyRange } from './injected-faults.js';
import { toSortedJson } from './json-contains.js';
import type { ScenarioOverride } from './scenario.js';
import { scriptsAnswer } from './session-overrides.js';

/** What a request asked for itself (its `Prefer`), which wins over an override that fitted it. */
export interface RequestPreferences {
  code: number | undefined;
  example: string | undefined;
  latency: LatencyRange | undefined;
  fault: FaultKind | undefined;
}

/**
 * Why an override that fitted a request did not answer it, when its `when` and `times` were not the reason: the
 * request's own `Prefer` scripted the answer, or replaced the delay or the fault that was all the override did, or
 * the override's `faultRate` drew no fault for this request, or the credentials were refused before its scripted
 * answer (`credentialsRefused`: a script never hides a client that signs in wrong). Without this, a QA tour's
 * `Prefer: latency=0` left an override of `latencyMs: 800` unused and its `times` uncounted, with no word of it in the
 * journal, and a 500 scripted for a request sent without its token read as a 401 from nowhere.
 *
 * @example
 * toSetAsideMiss({ operationId: 'getMFAStatus', latencyMs: 800 }, { latency: { min: 0, max: 0 }, ... });
 * // { pointer: '/latencyMs', expected: '800 ms', received: 'Prefer: latency=0' }
 */
export function toSetAsideMiss(override: ScenarioOverride, request: RequestPreferences, credentialsRefused = false): ConditionMiss | undefined {
  if (scriptsAnswer(override)) return toScriptSetAside(override, request, credentialsRefused);
  // Response headers apply to every answer: such an override always answers.
  if (override.headers !== undefined) return undefined;
  const latency = override.latency ?? (override.latencyMs === undefined ? undefined : { min: override.latencyMs, max: override.latencyMs });
  if (latency && request.latency) {
    return {
      pointer: override.latency ? '/latency' : '/latencyMs',
      expected: `${toRange(latency)} ms`,
      received: `Prefer: latency=${toRange(request.latency)}`,
    };
  }
  if (override.fault === undefined) return undefined;
  if (request.fault) return { pointer: '/fault', expected: override.fault, received: `Prefer: fault=${request.fault}` };
  const percent = Math.round((override.faultRate ?? 1) * 1000) / 10;
  return { pointer: '/faultRate', expected: `${override.fault} in ${percent} % of requests`, received: 'none drawn for this request' };
}

/** A scripted answer the request's `Prefer: code=` or `example=` replaced. */
function toScriptSetAside(override: ScenarioOverride, request: RequestPreferences, credentialsRefused: boolean): ConditionMiss | undefined {
  const asked = [...(request.code === undefined ? [] : [`code=${request.code}`]), ...(request.example === undefined ? [] : [`example=${request.example}`])];
  const received =
    asked.length > 0 ? `Prefer: ${asked.join(', ')}` : credentialsRefused ? 'credentials refused (a script answers only a client that signs in)' : undefined;
  if (received === undefined) return undefined;
  // The part that would have made the answer: a literal body over an example, an example over the status's own.
  if (override.body !== undefined) return { pointer: '/body', expected: shown(toSortedJson(override.body)), received };
  if (override.example !== undefined) return { pointer: '/example', expected: shown(override.example), received };
  return { pointer: '/status', expected: String(override.status), received };
}

function toRange({ min, max }: LatencyRange): string {
  return min === max ? String(min) : `${min}-${max}`;
}
