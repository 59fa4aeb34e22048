import { SandboxError } from '../errors.js';
import { toAdminBody } from './admin-body.js';
import { toMomentMs } from '../engine/iso-time.js';
import type { SessionClockChange } from '../engine/session-clock.js';
import { toReceivedValue } from '../engine/quoted-number.js';

const FIELDS = ['at', 'offsetMs', 'advanceMs', 'frozen'] as const;
const USAGE = 'body must be {"at"?: "<ISO date-time>" | <ms>, "offsetMs"?: <int>, "advanceMs"?: <int>, "frozen"?: true|false}';

/** `at` as ms since the epoch: an ISO 8601 date-time with its zone (a bare date or local time is ambiguous), or an integer. */
function toMoment(raw: unknown): number {
  const ms = toMomentMs(raw);
  if (ms !== undefined) return ms;
  throw new SandboxError(
    'MOCK_ERR_BAD_ADMIN_REQUEST',
    `at must be an ISO 8601 date-time with a zone on a day the calendar has, or ms since the epoch, got ${JSON.stringify(raw)}`,
  );
}

function toWholeMs(name: string, raw: unknown): number {
  if (!Number.isSafeInteger(raw)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `${name} must be an integer number of ms, got ${toReceivedValue(raw)}`);
  return raw as number;
}

/**
 * The clock change a `PUT /__admin/sessions/{id}/clock` body asks for, or a 400 fault that says what is wrong.
 *
 * @example
 * toSessionClockChange({ at: '2026-01-01T00:00:00Z', frozen: true }) // { at: 1767225600000, frozen: true }
 */
export function toSessionClockChange(body: unknown): SessionClockChange {
  const fields = toAdminBody(body, FIELDS, USAGE);
  const moves = (['at', 'offsetMs', 'advanceMs'] as const).filter((key) => fields[key] !== undefined);
  if (moves.length > 1) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `at most one of at, offsetMs and advanceMs, got ${moves.join(' and ')}`);
  if (moves.length === 0 && fields.frozen === undefined) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', USAGE);
  if (fields.frozen !== undefined && typeof fields.frozen !== 'boolean')
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `frozen must be true or false, got ${JSON.stringify(fields.frozen)}`);
  const change: SessionClockChange = {};
  if (fields.at !== undefined) change.at = toMoment(fields.at);
  if (fields.offsetMs !== undefined) change.offsetMs = toWholeMs('offsetMs', fields.offsetMs);
  if (fields.advanceMs !== undefined) change.advanceMs = toWholeMs('advanceMs', fields.advanceMs);
  if (fields.frozen !== undefined) change.frozen = fields.frozen;
  return change;
}
