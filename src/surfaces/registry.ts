import { flashback } from './flashback/flashback-descriptor.js';
import { genauth } from './genauth/genauth-descriptor.js';
import { lerian } from './lerian/lerian-descriptor.js';
import { nestAuth } from './nest-auth/nest-auth-descriptor.js';
import type { PasskeySurface } from '../engine/passkey-sharing.js';
import type { UserIdRule, UserIdRules } from '../engine/user-ids.js';
import type { FactorKindsBySurface } from '../engine/session-registry.js';
import { FACTOR_KINDS } from '../engine/world.js';
import type { SurfaceDescriptor } from './surface-descriptor.js';
import type { operations as FlashbackOperations } from '../types/flashback.js';
import type { operations as GenAuthOperations } from '../types/genauth.js';
import type { operations as LerianOperations } from '../types/lerian.js';
import type { operations as NestAuthOperations } from '../types/nest-auth.js';
import type { shippedScenarios } from '../types/scenario-names.js';

/**
 * Every vendor surface the sandbox mocks, in the order they are listed everywhere (CLI, health, docs, admin spec).
 * Adding a vendor: a folder with its descriptor, and one line here (see ARCHITECTURE.md).
 */
export const SURFACES = [flashback, nestAuth, lerian, genauth] as const satisfies readonly SurfaceDescriptor[];

/** One lowercase id everywhere: specs/, scenarios/, src/surfaces/, URL prefix. */
export type SurfaceId = (typeof SURFACES)[number]['id'];

export const SURFACE_IDS: readonly SurfaceId[] = SURFACES.map((surface) => surface.id);

/** The operationIds of the shipped specs, and `*` (an override of every operation of its surface). */
export type OperationId = keyof FlashbackOperations | keyof NestAuthOperations | keyof LerianOperations | keyof GenAuthOperations | '*';

/**
 * An operationId as the session controls take it: the shipped ones, which editors offer as you type, or any other
 * string (a spec of your own may add operations; the sandbox checks the name against the specs it serves).
 */
export type OperationName = OperationId | (string & {});

/** The names of the scenarios the package ships (`scenarios/<surface>/<name>.yaml`), of every surface. */
export type ScenarioId = shippedScenarios[SurfaceId];

/**
 * A scenario's name as the session controls and options take it: a shipped one, which editors offer as you type, or
 * any other string (a scenarios directory of your own adds names; the sandbox checks the name against what it loaded).
 */
export type ScenarioName = ScenarioId | (string & {});

export function isSurfaceId(value: unknown): value is SurfaceId {
  return typeof value === 'string' && (SURFACE_IDS as readonly string[]).includes(value);
}

/**
 * @example
 * toSurface('genauth').requestSigning // signs replayed requests
 */
export function toSurface(id: SurfaceId): SurfaceDescriptor<SurfaceId> {
  return SURFACES.find((surface) => surface.id === id)!;
}

/**
 * The surfaces among `ids` that have passkeys, as the engine's passkey sharing (admin API, session controls) takes them.
 *
 * @example
 * toPasskeySurfaces(['flashback', 'lerian']) // [{ id: 'flashback', relyingParty: { id: 'localhost', ... }, factorName: 'PASSKEY' }]
 */
export function toPasskeySurfaces(ids: Iterable<SurfaceId>): PasskeySurface[] {
  const served = new Set(ids);
  return SURFACES.flatMap((surface: SurfaceDescriptor<SurfaceId>) =>
    served.has(surface.id) && surface.relyingParty
      ? [{ id: surface.id, relyingParty: surface.relyingParty, factorName: surface.factorNames.toName('passkey') ?? 'passkey' }]
      : [],
  );
}

/**
 * The factor kinds each surface among `ids` has a word for, as the session registry takes them.
 *
 * @example
 * toFactorKinds(['genauth']).get('genauth') // ['totp', 'email', 'sms', 'face'] (no passkey, no magic link)
 */
export function toFactorKinds(ids: Iterable<SurfaceId>): FactorKindsBySurface {
  const served = new Set(ids);
  return new Map(
    SURFACES.filter((surface) => served.has(surface.id)).map((surface) => [
      surface.id,
      FACTOR_KINDS.filter((kind) => surface.factorNames.toName(kind) !== undefined),
    ]),
  );
}

/**
 * The user id rules of the surfaces among `ids` that have one, as the session registry takes them.
 *
 * @example
 * toUserIdRules(['flashback', 'lerian']).get('lerian')?.toStored('019C96A0-0C21-71F9-A487-66A1258278A1') // '019c96a0-...'
 */
export function toUserIdRules(ids: Iterable<SurfaceId>): UserIdRules {
  const served = new Set(ids);
  return new Map(
    SURFACES.flatMap((surface: SurfaceDescriptor<SurfaceId>): Array<[string, UserIdRule]> =>
      served.has(surface.id) && surface.userIds ? [[surface.id, surface.userIds]] : [],
    ),
  );
}
