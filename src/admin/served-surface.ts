import { toDidYouMean } from '../engine/edit-distance.js';
import { SandboxError } from '../errors.js';
import type { SurfaceId } from '../surfaces/registry.js';

/** A surface this sandbox serves, or a 404 fault naming the ones it does. */
export function toServedSurfaceOf(served: ReadonlyMap<SurfaceId, unknown>) {
  return (surface: unknown): SurfaceId => {
    if (typeof surface !== 'string' || !served.has(surface as SurfaceId)) {
      throw new SandboxError(
        'MOCK_ERR_UNKNOWN_SURFACE',
        `No surface ${JSON.stringify(surface)}${toDidYouMean(typeof surface === 'string' ? surface : '', served.keys())}`,
        {
          known: [...served.keys()],
        },
      );
    }
    return surface as SurfaceId;
  };
}
