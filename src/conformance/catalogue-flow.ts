/**
 * The vocabulary of a conformance flow catalogue: steps (one request, sent identically to both sides), each side's
 * context (its user, token and values captured from its answers), and the driver a flow runs its steps through.
 */

/** `upstream` (the real vendor) or `sandbox`; the test suite's differential driver names its sides `real` and `mock`. */
export type SideLabel = string;

export interface Exchange {
  status: number;
  /** Parsed JSON, or the text when not JSON, undefined when empty. */
  body: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** Values a flow captured from a side's answers (each side has its own: secrets, codes and ids differ). */
export interface SideVars {
  /** The TOTP secret setup-totp handed out last. */
  secret?: string;
  recoveryCodes?: string[];
  [name: string]: unknown;
}

/** The TOTP secret this side captured; a flow that asks before one was handed out is a broken flow. */
export function secretOf(ctx: { vars: SideVars }): string {
  if (typeof ctx.vars.secret !== 'string') throw new Error('no TOTP secret was handed out to this side yet');
  return ctx.vars.secret;
}

/** The recovery code at this index of the batch this side captured last (a placeholder when there is none). */
export const recoveryCodeOf = (ctx: { vars: SideVars }, index: number): string => ctx.vars.recoveryCodes?.[index] ?? 'no-such-recovery-code';

/** One side's state during a run: its user, current bearer token, and values captured from its answers. */
export interface SideContext {
  side: SideLabel;
  email: string;
  password: string;
  /** The user's id where the vendor's paths or bodies name it (Lerian, GenAuth); echoed values show as `<userId>`. */
  userId?: string;
  /** The bearer this side sends when a step says `auth: 'token'` (the default). */
  token: string | undefined;
  vars: SideVars;
  /** A fresh TOTP code for this secret: never one this run already used, always one the server accepts now. */
  nextTotp(secret: string): Promise<string>;
  /** The code this run used last for this secret (for "reused code" steps). */
  lastTotp(secret: string): string;
}

export type PerSide<T> = T | ((ctx: SideContext) => T | Promise<T>);
/** A JSON body, as literal data (a function computes it per side instead). */
export type JsonBody = string | number | boolean | null | JsonBody[] | { [key: string]: unknown };

export interface StepRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: PerSide<string>;
  /** A JSON body (serialised), or a raw string with `contentType`. */
  body?: JsonBody | ((ctx: SideContext) => unknown);
  contentType?: string;
  /** Send the body compressed so, with its Content-Encoding (a step's `headers` can name another over it). */
  compress?: 'gzip' | 'deflate' | 'br';
  /** 'token' (default): `Bearer <side token>`; 'none': no header; any other string: sent as the authorization header. */
  auth?: PerSide<'token' | 'none' | (string & {})>;
  /** Extra headers (e.g. a cookie carrying the side's token). */
  headers?: PerSide<Record<string, string>>;
}

export interface Step extends StepRequest {
  name: string;
  /** Capture values from this side's answer (e.g. the TOTP secret, the device id, the issued token). */
  after?: (ctx: SideContext, exchange: Exchange) => void | Promise<void>;
}

/** What a flow needs from the upstream's credentials; a flow whose needs are not met is skipped, with the reason. */
export type FlowNeed = 'password';

/** How a flow drives both sides. The test suite's differential driver offers more (oracle-only controls). */
export interface CatalogueDriver {
  /** Send the step to both sides and compare the answers. */
  step(step: Step): Promise<unknown>;
}

export interface CatalogueFlow<Driver extends CatalogueDriver = CatalogueDriver> {
  name: string;
  description: string;
  needs?: FlowNeed[];
  run(driver: Driver): Promise<void>;
}
