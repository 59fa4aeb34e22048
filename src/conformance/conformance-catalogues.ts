import type { SurfaceId } from '../surfaces/registry.js';
import { flashbackCatalogue } from './catalogues/flashback-catalogue.js';
import { genauthCatalogue } from './catalogues/genauth-catalogue.js';
import { lerianCatalogue } from './catalogues/lerian-catalogue.js';
import { nestAuthCatalogue } from './catalogues/nest-auth-catalogue.js';
import type { SurfaceCatalogue } from './surface-catalogue.js';

/** The built-in flow catalogue of each surface that has one. */
export const CONFORMANCE_CATALOGUES: Partial<Record<SurfaceId, SurfaceCatalogue>> = {
  'nest-auth': nestAuthCatalogue,
  flashback: flashbackCatalogue,
  lerian: lerianCatalogue,
  genauth: genauthCatalogue,
};
