import type { SurfaceId } from '../../src/surfaces/registry.js';
import type { SurfaceFuzzModel } from './fuzz-command.js';
import { flashbackFuzzModel } from './flashback-model.js';
import { genauthFuzzModel } from './genauth-model.js';
import { lerianFuzzModel } from './lerian-model.js';
import { nestAuthFuzzModel } from './nest-auth-model.js';

/** The stateful fuzz model of each surface (the registry's ids; every surface has one). */
export const FUZZ_MODELS: Record<SurfaceId, SurfaceFuzzModel<any>> = {
  flashback: flashbackFuzzModel,
  'nest-auth': nestAuthFuzzModel,
  lerian: lerianFuzzModel,
  genauth: genauthFuzzModel,
};
