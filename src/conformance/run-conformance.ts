import type { OpenApiDocument } from '../openapi/openapi-types.js';
import type { CatalogueDriver, CatalogueFlow, SideContext, Step } from './catalogue-flow.js';
import { createExchangeChecker } from './check-exchange-against-spec.js';
import { compareStep, SPEC_FIELD, type AcceptedDifference, type StepComparison, type StepSide } from './compare-step.js';
import { sendStep, UnreachableError, type SideTarget } from './send-step.js';
import type { SignedInUser, SurfaceCatalogue } from './surface-catalogue.js';
import { createTotpCodeClock } from './totp-codes.js';
import type { UpstreamCredentials } from './upstream-credentials.js';

/** What a run needs: the catalogue, both sides, the spec, and the user's own accepted differences. */
export interface ConformanceRunOptions {
  catalogue: SurfaceCatalogue;
  api: OpenApiDocument;
  upstream: { baseUrl: string; credentials: UpstreamCredentials; timeoutMs?: number };
  /** The sandbox: its base URL (the surface at `/`) and what every request carries (a fresh session). */
  sandbox: { baseUrl: string; headers: Readonly<Record<string, string>> };
  /** Added to the catalogue's own accepted differences, but never for the `spec` field (see compareStep). */
  accepted?: readonly AcceptedDifference[];
  /** Called after each compared step (progress). */
  onStep?(step: StepComparison): void;
}

export interface FlowOutcome {
  name: string;
  description: string;
  /** Why the flow did not run (e.g. no password for flows that sign in). */
  skipped?: string;
  /** Why the flow stopped half-way (e.g. the upstream handed out no TOTP secret): its later steps were not compared. */
  error?: string;
}

export interface ConformanceTotals {
  /** Fields that agree, plus differences in the accepted list. */
  agreeing: number;
  accepted: number;
  compared: number;
  /** agreeing / compared (1 when nothing was compared). */
  score: number;
  /**
   * Spec violations of the upstream's answers (also counted as differing `spec` fields), but those of a step whose
   * `spec` difference the catalogue accepts (a request off the spec on purpose): those blame nobody. A user's --accept
   * never accepts a `spec` field, so it never hides a violation from this count nor from the score.
   */
  violations: number;
}

export interface ConformanceResult {
  surface: string;
  covers: string;
  flows: FlowOutcome[];
  steps: StepComparison[];
  totals: ConformanceTotals;
  /** Every token the upstream handed out during the run: reports are scrubbed of them (never serialised). */
  secretsSeen: string[];
}

function newContext(side: string, user: Pick<SignedInUser, 'email' | 'password'>): SideContext {
  const clock = createTotpCodeClock();
  return {
    side,
    email: user.email,
    password: user.password,
    token: undefined,
    vars: {},
    nextTotp: (secret) => clock.next(secret),
    lastTotp: (secret) => clock.last(secret),
  };
}

/** What a side's answers may echo of its own user: shown and compared as `<email>`, `<userId>`. */
function toKnownValues(ctx: SideContext): Record<string, string> {
  return { email: ctx.email, ...(ctx.userId ? { userId: ctx.userId } : {}) };
}

/** Sum the fields of every step: the score is the share of fields that agree (accepted differences agree). */
export function toTotals(steps: readonly StepComparison[]): ConformanceTotals {
  let agreeing = 0;
  let accepted = 0;
  let compared = 0;
  let violations = 0;
  for (const step of steps) {
    const specAccepted = step.fields.some((field) => field.path === SPEC_FIELD && field.accepted !== undefined);
    if (!specAccepted) violations += step.violations.length;
    for (const field of step.fields) {
      compared++;
      if (field.outcome === 'agree') agreeing++;
      else if (field.accepted !== undefined) {
        agreeing++;
        accepted++;
      }
    }
  }
  return { agreeing, accepted, compared, score: compared === 0 ? 1 : agreeing / compared, violations };
}

/**
 * Run a surface's catalogue against the upstream and the sandbox with identical requests: per step, the upstream's
 * answer is checked against the spec and both answers are compared field by field.
 *
 * @example
 * const result = await runConformance({ catalogue: nestAuthCatalogue, api, upstream, sandbox });
 * result.totals.score // e.g. 0.99
 */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceResult> {
  const { catalogue } = options;
  const check = createExchangeChecker(options.api);
  const targets: Record<'upstream' | 'sandbox', SideTarget> = {
    upstream: {
      baseUrl: options.upstream.baseUrl.replace(/\/+$/, ''),
      // A gateway's headers on every request; sendStep sets the vendor's credentials after them.
      headers: options.upstream.credentials.headers ?? {},
      sign: catalogue.signer?.(options.upstream.credentials),
      ...(options.upstream.timeoutMs === undefined ? {} : { timeoutMs: options.upstream.timeoutMs }),
    },
    sandbox: {
      baseUrl: options.sandbox.baseUrl.replace(/\/+$/, ''),
      headers: options.sandbox.headers,
      sign: catalogue.signer?.(catalogue.sandboxCredentials ?? {}),
    },
  };
  const secretsSeen = new Set<string>();
  const remember = (ctx: SideContext) => {
    if (ctx.side === 'upstream' && ctx.token) secretsSeen.add(ctx.token);
  };
  const contexts = {
    upstream: newContext('upstream', { email: options.upstream.credentials.email ?? '', password: options.upstream.credentials.password ?? '' }),
    sandbox: newContext('sandbox', catalogue.sandboxUser),
  };
  const sendUncompared = (side: 'upstream' | 'sandbox') => async (step: Step) => {
    const { exchange } = await sendStep(targets[side], step, contexts[side]);
    await step.after?.(contexts[side], exchange);
    remember(contexts[side]);
    return exchange;
  };

  const upstreamUser = await catalogue.signIn(options.upstream.credentials, sendUncompared('upstream'));
  contexts.upstream.token = upstreamUser.token;
  contexts.upstream.email = upstreamUser.email;
  if (upstreamUser.userId !== undefined) contexts.upstream.userId = upstreamUser.userId;
  if (catalogue.sandboxUser.userId !== undefined) contexts.sandbox.userId = catalogue.sandboxUser.userId;
  contexts.sandbox.token = catalogue.sandboxUser.token;
  remember(contexts.upstream);
  const startTokens = { upstream: contexts.upstream.token, sandbox: contexts.sandbox.token };
  const tidy = async () => {
    for (const side of ['upstream', 'sandbox'] as const) {
      contexts[side].token = startTokens[side];
      contexts[side].vars = {};
      await catalogue.tidy?.(sendUncompared(side), contexts[side]);
    }
  };

  const steps: StepComparison[] = [];
  const flows: FlowOutcome[] = [];
  const driverFor = (flow: CatalogueFlow): CatalogueDriver => ({
    async step(step) {
      const sides = {} as Record<'upstream' | 'sandbox', StepSide>;
      for (const side of ['upstream', 'sandbox'] as const) {
        const { exchange, sent } = await sendStep(targets[side], step, contexts[side]);
        await step.after?.(contexts[side], exchange);
        remember(contexts[side]);
        sides[side] = { exchange, sent, known: toKnownValues(contexts[side]) };
      }
      const compared = compareStep({
        flow: flow.name,
        step: step.name,
        upstream: sides.upstream,
        sandbox: sides.sandbox,
        check,
        accepted: catalogue.accepted,
        userAccepted: options.accepted ?? [],
      });
      steps.push(compared);
      options.onStep?.(compared);
      return compared;
    },
  });

  for (const flow of catalogue.flows) {
    if (flow.needs?.includes('password') && !options.upstream.credentials.password) {
      flows.push({ name: flow.name, description: flow.description, skipped: 'needs the upstream user’s password (it signs in)' });
      continue;
    }
    await tidy();
    try {
      await flow.run(driverFor(flow));
      flows.push({ name: flow.name, description: flow.description });
    } catch (error) {
      if (error instanceof UnreachableError) throw error;
      // A flow the upstream broke (say, no secret in its setup answer) counts as one differing field; the run goes on.
      const message = error instanceof Error ? error.message : String(error);
      flows.push({ name: flow.name, description: flow.description, error: message });
      steps.push({
        flow: flow.name,
        step: '(flow stopped)',
        request: '',
        operationId: undefined,
        violations: [],
        fields: [{ path: 'flow', class: 'constant', outcome: 'differ', upstream: message, sandbox: 'ran to the end' }],
      });
    }
  }
  await tidy();
  return { surface: catalogue.surface, covers: catalogue.covers, flows, steps, totals: toTotals(steps), secretsSeen: [...secretsSeen] };
}
