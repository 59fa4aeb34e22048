import type { UserIdRule } from '../../engine/user-ids.js';

/** What the spec's `format: uuid` accepts (ajv-formats' uuid, `urn:uuid:` prefix included): a request with it passes validation. */
const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})$/i;

/**
 * Lerian's user ids: UUIDs (the spec's UserId is `format: uuid`), which the service keeps in a PostgreSQL `uuid` column
 * and prints in lower case, so any letter case names the same user (the spec's decision on UserId).
 *
 * @example
 * lerianUserIds.toStored('019C96A0-0C21-71F9-A487-66A1258278A1') // '019c96a0-0c21-71f9-a487-66a1258278a1'
 * lerianUserIds.toStored('not-a-uuid') // undefined
 */
export const lerianUserIds: UserIdRule = {
  shape: 'a UUID',
  why: "the spec's UserId is format uuid, so every request naming this user would be refused with 400 IDE-0003",
  generatedIdFormats: ['uuid', 'uuid-v7'],
  toStored: (id) => UUID.exec(id)?.[1]!.toLowerCase(),
};
