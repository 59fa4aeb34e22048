import type { Exchange } from './catalogue-flow.js';
import type { ExchangeChecker, SpecViolation } from './check-exchange-against-spec.js';
import { compareAnswers, type FieldComparison } from './compare-answers.js';
import type { SentRequest } from './send-step.js';

/**
 * One step of a conformance run compared: the upstream's answer checked against the spec (the `spec` field), then
 * compared with the sandbox's field by field; differences in the accepted list are marked with their reason.
 */

/** A difference that is known and does not count against the score, with the reason a reader sees. */
export interface AcceptedDifference {
  /** Flow name, or '*'. */
  flow: string;
  /** Step name, or '*'. */
  step: string;
  /** The field's path exactly (`status`, `spec`, `body.error`), or a prefix ending in '*' (e.g. `body.*`). */
  path: string;
  /** When given, accepted only with these (shown) values. */
  upstream?: unknown;
  sandbox?: unknown;
  /** When given, accepted only when the upstream's shown value, as JSON, holds this text (a vendor's own wording). */
  upstreamIncludes?: string;
  /** When given, accepted only in a step where both sides answered these statuses (a rule about the bodies of one case). */
  statuses?: { upstream: number; sandbox: number };
  reason: string;
}

/** A compared field; `accepted` holds the reason when its difference is an accepted one. */
export interface ComparedField extends FieldComparison {
  accepted?: string;
}

export interface StepComparison {
  flow: string;
  step: string;
  /** The upstream's request, described without secrets. */
  request: string;
  operationId: string | undefined;
  fields: ComparedField[];
  /** The upstream answer's spec violations (also summed up in the `spec` field). */
  violations: SpecViolation[];
}

/** One side of a step: what it sent, what came back, and the values of its own its answers may echo. */
export interface StepSide {
  sent: SentRequest;
  exchange: Exchange;
  known: Readonly<Record<string, string>>;
}

/** The statuses both sides answered in a step. */
export interface StepStatuses {
  upstream: number;
  sandbox: number;
}

/** A rule's path matches a field's path exactly, or as a prefix when it ends in '*'. */
export const isPathMatched = (rulePath: string, fieldPath: string) =>
  rulePath.endsWith('*') ? fieldPath.startsWith(rulePath.slice(0, -1)) : rulePath === fieldPath;

/** The field that holds the upstream answer's spec violations. */
export const SPEC_FIELD = 'spec';

export function isAccepted(
  field: { path: string; upstream?: unknown; sandbox?: unknown },
  flow: string,
  step: string,
  rule: AcceptedDifference,
  statuses?: StepStatuses,
): boolean {
  if (rule.flow !== '*' && rule.flow !== flow) return false;
  if (rule.statuses && (rule.statuses.upstream !== statuses?.upstream || rule.statuses.sandbox !== statuses.sandbox)) return false;
  if (rule.step !== '*' && rule.step !== step) return false;
  if (!isPathMatched(rule.path, field.path)) return false;
  if ('upstream' in rule && JSON.stringify(rule.upstream) !== JSON.stringify(field.upstream)) return false;
  if (rule.upstreamIncludes !== undefined && !(JSON.stringify(field.upstream) ?? '').includes(rule.upstreamIncludes)) return false;
  if ('sandbox' in rule && JSON.stringify(rule.sandbox) !== JSON.stringify(field.sandbox)) return false;
  return true;
}

const CONFORMS = 'conforms to the spec';

function toSpecField(upstream: SpecViolation[], sandbox: SpecViolation[]): FieldComparison {
  const shown = (violations: SpecViolation[]) => (violations.length === 0 ? CONFORMS : violations.map((violation) => violation.message));
  return { path: SPEC_FIELD, class: 'constant', outcome: upstream.length === 0 ? 'agree' : 'differ', upstream: shown(upstream), sandbox: shown(sandbox) };
}

/**
 * Compare one step: the `spec` field (the upstream answer against the spec; agrees when it conforms, whatever the
 * sandbox does), `status`, then every body field.
 *
 * `accepted` (the catalogue's) may accept the `spec` field: only the catalogue knows a request it sends off the spec
 * on purpose. `userAccepted` (--accept) never does: it accepts differences between the upstream and the sandbox, and
 * a spec violation is the upstream's alone (a vendor change must show as one, whatever the user accepted).
 *
 * @example
 * compareStep({ flow: 'status', step: 'status', upstream, sandbox, check, accepted: [] }).fields.filter((f) => f.outcome !== 'agree')
 */
export function compareStep(input: {
  flow: string;
  step: string;
  upstream: StepSide;
  sandbox: StepSide;
  check: ExchangeChecker;
  accepted: readonly AcceptedDifference[];
  userAccepted?: readonly AcceptedDifference[];
}): StepComparison {
  const { flow, step, upstream, sandbox, check, accepted, userAccepted = [] } = input;
  const upstreamCheck = check(upstream.sent, upstream.exchange);
  const sandboxCheck = check(sandbox.sent, sandbox.exchange);
  const answers = compareAnswers(
    { status: upstream.exchange.status, body: upstream.exchange.body, known: upstream.known, requestBody: upstream.sent.body },
    { status: sandbox.exchange.status, body: sandbox.exchange.body, known: sandbox.known, requestBody: sandbox.sent.body },
    { schema: upstreamCheck.responseSchema ?? sandboxCheck.responseSchema },
  );
  const fields: ComparedField[] = [toSpecField(upstreamCheck.violations, sandboxCheck.violations), ...answers.fields].map((field) => {
    if (field.outcome === 'agree') return field;
    const statuses = { upstream: upstream.exchange.status, sandbox: sandbox.exchange.status };
    const rules = field.path === SPEC_FIELD ? accepted : [...accepted, ...userAccepted];
    const rule = rules.find((candidate) => isAccepted(field, flow, step, candidate, statuses));
    return rule ? { ...field, accepted: rule.reason } : field;
  });
  return { flow, step, request: upstream.sent.description, operationId: upstreamCheck.operationId, fields, violations: upstreamCheck.violations };
}
