/** The four vendor surfaces. One lowercase id everywhere: specs/, scenarios/, src/surfaces/, URL prefix. */
export const SURFACE_IDS = ['flashback', 'nest-auth', 'lerian', 'genauth'] as const;

export type SurfaceId = (typeof SURFACE_IDS)[number];

export function isSurfaceId(value: unknown): value is SurfaceId {
  return typeof value === 'string' && (SURFACE_IDS as readonly string[]).includes(value);
}
