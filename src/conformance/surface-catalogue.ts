import type { SurfaceId } from '../surfaces/registry.js';
import type { CatalogueFlow, Exchange, SideContext, Step } from './catalogue-flow.js';
import type { AcceptedDifference } from './compare-step.js';
import type { SideTarget } from './send-step.js';
import type { UpstreamCredentials } from './upstream-credentials.js';

/** Send a step on one side, not compared (signing in, tidying up). */
export type SendUncompared = (step: Step) => Promise<Exchange>;

/** A side's user as the catalogue signs it in: e-mail (echoed in answers), password and token. */
export interface SignedInUser {
  email: string;
  password: string;
  token: string | undefined;
  userId?: string;
}

/** The built-in flows of one surface, and how each side's user is set up. */
export interface SurfaceCatalogue {
  surface: SurfaceId;
  /** What the catalogue covers, for the report and `--help` readers. */
  covers: string;
  flows: CatalogueFlow[];
  accepted: readonly AcceptedDifference[];
  /** The sandbox's user in the scenario the run uses (its fixed token, e-mail and password). */
  sandboxUser: SignedInUser;
  /** Sign the upstream's user in from the credentials; throws a CredentialsError when they are not enough. */
  signIn(credentials: UpstreamCredentials, send: SendUncompared): Promise<SignedInUser>;
  /** Sign every upstream request (GenAuth access keys); for the sandbox side, with its own keys. */
  signer?(credentials: UpstreamCredentials): SideTarget['sign'];
  /** The sandbox side's signing keys (GenAuth), when the catalogue signs. */
  sandboxCredentials?: UpstreamCredentials;
  /** Bring a side's user back to a clean start (before each flow and after the last; not compared). */
  tidy?(send: SendUncompared, ctx: SideContext): Promise<void>;
}
