import { generateSync } from 'json-schema-faker';
import type { ScenarioUser } from './scenario.js';
import type { FactorKind } from './world.js';

/** The factor kinds a generated user can get: those that need no device material (passkeys and faces do). */
export const GENERATED_FACTOR_KINDS = ['totp', 'email', 'sms', 'magic_link'] as const satisfies readonly FactorKind[];
export type GeneratedFactorKind = (typeof GENERATED_FACTOR_KINDS)[number];

/**
 * The shapes of user ids vendors accept: `prefixed` (`usr_` and 12 hex digits, Flashback's style), `uuid` (v4,
 * nest-auth users and devices), `uuid-v7` (time-ordered, Lerian's ids), `hex24` (a MongoDB ObjectId, GenAuth's ids).
 */
export const GENERATED_ID_FORMATS = ['prefixed', 'uuid', 'uuid-v7', 'hex24'] as const;
export type GeneratedIdFormat = (typeof GENERATED_ID_FORMATS)[number];

/** A scenario's `world.generate`: many users made by json-schema-faker next to the named ones. */
export interface GenerateUsersSetting {
  /** How many users. */
  users: number;
  /** The same seed gives the same users, on every machine and transport. */
  seed: number;
  /** The fraction (0..1) of the users that have MFA on: exactly round(users × mfaEnabled) of them. Default 0. */
  mfaEnabled?: number;
  /** The factor kinds each user with MFA on has, enabled and verified; the first is the primary. Default [totp]. */
  factors?: GeneratedFactorKind[];
  /** The shape of user (and factor) ids; a scenario file may leave it out: the loader fills in its surface's. */
  idFormat?: GeneratedIdFormat;
}

/** The most users one scenario may generate: a world is copied into every session that uses it, and sent whole to the console. */
export const MAX_GENERATED_USERS = 10_000;

// Realistic, varied names; json-schema-faker picks among them by seed (its 0.6 formats have no person names without
// @faker-js/faker, which would add megabytes to the browser bundle for two lists).
const FIRST_NAMES =
  'Ada,Grace,Alan,Linus,Margaret,Katherine,Dennis,Barbara,Edsger,Frances,Tim,Radia,Donald,Hedy,John,Sophie,Ken,Annie,Guido,Shafi,Yukihiro,Joan,Bjarne,Karen,James,Mary,Niklaus,Jean,Leslie,Lynn,Vint,Evelyn,Satoshi,Carla,Ivan,Amara,Mateo,Priya,Chen,Fatima,Olu,Ingrid,Diego,Aiko,Noah,Zara,Luca,Elena,Kwame,Mei'.split(
    ',',
  );
const LAST_NAMES =
  'Lovelace,Hopper,Turing,Torvalds,Hamilton,Johnson,Ritchie,Liskov,Dijkstra,Allen,Berners-Lee,Perlman,Knuth,Lamarr,McCarthy,Wilson,Thompson,Easley,van Rossum,Goldwasser,Matsumoto,Clarke,Stroustrup,Spärck Jones,Gosling,Keller,Wirth,Sammet,Lamport,Conway,Cerf,Boyd,Tanaka,Meyer,Petrov,Okafor,García,Sharma,Wei,Haddad,Adeyemi,Larsen,Moreno,Sato,Fischer,Khan,Rossi,Popescu,Mensah,Lin'.split(
    ',',
  );
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
/** What a generated factor is called where a vendor shows a name (nest-auth's device name). */
const FACTOR_LABELS: Record<GeneratedFactorKind, string> = { totp: 'Authenticator app', email: 'E-mail', sms: 'Phone', magic_link: 'Magic link' };

const HEX = '[0-9a-f]';
const ID_PATTERNS: Record<GeneratedIdFormat, string> = {
  prefixed: `^usr_${HEX}{12}$`,
  uuid: `^${HEX}{8}-${HEX}{4}-4${HEX}{3}-[89ab]${HEX}{3}-${HEX}{12}$`,
  'uuid-v7': `^019${HEX}{5}-${HEX}{4}-7${HEX}{3}-[89ab]${HEX}{3}-${HEX}{12}$`,
  hex24: `^${HEX}{24}$`,
};

/** One generated person, as json-schema-faker draws it. */
interface Draw {
  id: string;
  firstName: string;
  lastName: string;
  number: number;
  domain: string;
  /** A US area code: the phone is <area>-555-0<line>, in the 555-0100..0199 range kept for fiction, so no real phone is ever texted. */
  areaCode: number;
  /** 100..199. */
  line: number;
  totpSecret: string;
  /** Orders the users for the MFA fraction. */
  mfaRank: number;
  factorIds: string[];
}

function toPersonSchema(idFormat: GeneratedIdFormat, factorCount: number) {
  const id = { type: 'string', pattern: ID_PATTERNS[idFormat] };
  return {
    type: 'object',
    required: ['id', 'firstName', 'lastName', 'number', 'domain', 'areaCode', 'line', 'totpSecret', 'mfaRank', 'factorIds'],
    properties: {
      id,
      firstName: { enum: FIRST_NAMES },
      lastName: { enum: LAST_NAMES },
      number: { type: 'integer', minimum: 1, maximum: 999 },
      domain: { enum: EMAIL_DOMAINS },
      // Two integers rather than a pattern: json-schema-faker draws a number several times faster than a regex string.
      areaCode: { type: 'integer', minimum: 201, maximum: 989 },
      line: { type: 'integer', minimum: 100, maximum: 199 },
      // 32 base32 characters: 20 bytes, the length authenticator apps use and otplib's guardrails accept.
      totpSecret: { type: 'string', pattern: '^[A-Z2-7]{32}$' },
      mfaRank: { type: 'number', minimum: 0, maximum: 1 },
      factorIds: { type: 'array', minItems: factorCount, maxItems: factorCount, items: id },
    },
  };
}

const asciiOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** Which named users' ids, emails and tokens a generated user must not take. */
export interface TakenNames {
  ids: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

/**
 * The users a `generate` setting stands for, as scenario users (so `toWorld` turns them into ordinary users): names,
 * emails and phones drawn by json-schema-faker from `seed`, ids of the vendor's shape, a token `<surface>-token-gen-<n>`
 * each (n from 1), and for round(users × mfaEnabled) of them, chosen by seed, the listed factors (TOTP with a real
 * base32 secret). Pure: the same setting always gives the same users. A draw that repeats an id, e-mail or phone
 * (or takes a named user's) is drawn again, so every user can be addressed by each of them.
 *
 * @example
 * toGeneratedUsers({ users: 3, seed: 7, mfaEnabled: 1, factors: ['totp'], idFormat: 'hex24' }, 'genauth')[0]
 * // { id: '5f0c…', name: 'Grace Hopper', email: 'grace.hopper42@example.org', factors: [{ kind: 'totp', secret: '…' }], … }
 */
export function toGeneratedUsers(setting: GenerateUsersSetting, surface: string, taken: TakenNames = { ids: new Set(), emails: new Set() }): ScenarioUser[] {
  const factors = setting.factors ?? ['totp'];
  const idFormat = setting.idFormat ?? 'prefixed';
  const schema = { type: 'array', minItems: setting.users, maxItems: setting.users, items: toPersonSchema(idFormat, factors.length) };
  const ids = new Set(taken.ids);
  const emails = new Set(taken.emails);
  const phones = new Set<string>();
  const people: Draw[] = [];
  // One array per round from a seed derived from the setting's: a round only redraws the users a clash left out.
  for (let round = 0; people.length < setting.users; round++) {
    const draws = generateSync(
      { ...schema, minItems: setting.users - people.length, maxItems: setting.users - people.length },
      { seed: setting.seed * 1009 + round },
    ) as Draw[];
    for (const draw of draws) {
      const email = toEmail(draw);
      const phone = toPhone(draw);
      if (ids.has(draw.id) || emails.has(email) || phones.has(phone) || draw.factorIds.some((id) => ids.has(id))) continue;
      ids.add(draw.id);
      emails.add(email);
      phones.add(phone);
      for (const id of draw.factorIds) ids.add(id);
      people.push(draw);
    }
  }
  const withMfa = new Set(
    people
      .map((person, index) => ({ index, rank: person.mfaRank }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .slice(0, Math.round(setting.users * (setting.mfaEnabled ?? 0)))
      .map((entry) => entry.index),
  );
  return people.map((person, index) => ({
    id: person.id,
    email: toEmail(person),
    username: toEmail(person).split('@')[0]!,
    name: `${person.firstName} ${person.lastName}`,
    phone: toPhone(person),
    phoneCountryCode: '+1',
    token: toGeneratedToken(surface, index + 1),
    role: 'MEMBER',
    ...(withMfa.has(index)
      ? {
          factors: factors.map((kind, f) => ({
            // Flashback-style ids keep the engine's own factor ids (`<user>-totp-1`); the others take the vendor's shape.
            ...(idFormat === 'prefixed' ? {} : { id: person.factorIds[f]! }),
            kind,
            name: FACTOR_LABELS[kind],
            ...(kind === 'totp' ? { secret: person.totpSecret } : {}),
          })),
        }
      : {}),
  }));
}

/** The bearer token of the `n`th generated user (from 1) of a surface's scenario. */
export function toGeneratedToken(surface: string, n: number): string {
  return `${surface}-token-gen-${n}`;
}

function toPhone(person: Draw): string {
  return `${person.areaCode}5550${person.line}`;
}

function toEmail(person: Draw): string {
  return `${asciiOf(person.firstName)}.${asciiOf(person.lastName)}${person.number}@${person.domain}`;
}
