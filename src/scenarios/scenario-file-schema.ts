import { FAULT_KINDS, MAX_LATENCY_MS } from '../engine/injected-faults.js';
import { GENERATED_FACTOR_KINDS, GENERATED_ID_FORMATS, MAX_GENERATED_USERS } from '../engine/generated-users.js';
import { FACTOR_KINDS } from '../engine/world.js';
import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN, MAX_HEADER_VALUE_LENGTH, MAX_OVERRIDE_HEADERS } from '../pipeline/check-override-headers.js';

/** JSON Schema of a scenario file (`scenarios/<surface>/<name>.yaml`); errors point into the file by JSON pointer. */
// Typed, as every item of a uniqueItems list here: see the test "types the items of every uniqueItems list".
const factorKind = { type: 'string', enum: [...FACTOR_KINDS] };

/** An e-mail address, internationalised or not: one @, no spaces, a domain of dot-separated labels. */
export const SCENARIO_EMAIL_PATTERN = '^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$';

export const SCENARIO_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  // `x-` keys are the file author's own (as in OpenAPI): a place for YAML anchors that users and overrides merge in.
  patternProperties: { '^x-': {} },
  required: ['description'],
  properties: {
    description: { type: 'string', minLength: 1 },
    world: {
      type: 'object',
      additionalProperties: false,
      properties: {
        org: {
          // Not a oneOf of null and object: with every error reported, a oneOf adds a "must be null" beside each real one.
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string' }, mfaEnforced: { type: 'boolean' } },
        },
        policy: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            methods: { type: 'array', items: factorKind, uniqueItems: true },
            allowUserToggle: { type: 'boolean' },
            allowMethodSelection: { type: 'boolean' },
            required: { type: 'boolean' },
            appName: { type: 'string', minLength: 1 },
            totpIssuer: { type: 'string', minLength: 1 },
            applications: {
              type: 'object',
              additionalProperties: {
                type: 'object',
                additionalProperties: false,
                required: ['enabledFactors'],
                properties: { enabledFactors: { type: 'array', items: factorKind, uniqueItems: true } },
              },
            },
          },
        },
        users: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'email'],
            properties: {
              id: { type: 'string', minLength: 1 },
              // Not format 'email', which is ASCII only: a user of 用户@例子.广告 or josé@exämple.com is who a QA
              // engineer needs to reproduce a bug of (the vendors' answers carry the address unchecked).
              email: { type: 'string', pattern: SCENARIO_EMAIL_PATTERN },
              username: { type: 'string' },
              name: { type: 'string' },
              phone: { type: 'string' },
              phoneCountryCode: { type: 'string' },
              password: { type: 'string', minLength: 1 },
              token: { type: 'string', minLength: 1 },
              role: { enum: ['OWNER', 'ADMINISTRATOR', 'MEMBER'] },
              active: { type: 'boolean' },
              locked: { type: 'boolean' },
              primaryMethod: factorKind,
              recoveryCodes: { type: 'array', items: { type: 'string', minLength: 1 } },
              aliases: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  externalId: { type: 'string', minLength: 1 },
                  identities: {
                    type: 'array',
                    items: { type: 'object', additionalProperties: false, required: ['extIdpId', 'userIdInIdp'], properties: { extIdpId: { type: 'string', minLength: 1 }, userIdInIdp: { type: 'string', minLength: 1 } } },
                  },
                  syncRelations: {
                    type: 'array',
                    items: { type: 'object', additionalProperties: false, required: ['provider', 'userIdInIdp'], properties: { provider: { type: 'string', minLength: 1 }, userIdInIdp: { type: 'string', minLength: 1 } } },
                  },
                  customData: { type: 'object', additionalProperties: { type: 'string' } },
                },
              },
              factors: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['kind'],
                  properties: {
                    id: { type: 'string', minLength: 1 },
                    kind: factorKind,
                    name: { type: 'string' },
                    secret: { type: 'string', pattern: '^[A-Z2-7]{16,}=*$' },
                    verified: { type: 'boolean' },
                    enabled: { type: 'boolean' },
                    credential: {
                      type: 'object',
                      additionalProperties: false,
                      required: ['id'],
                      description:
                        'A passkey: its COSE public key (base64url), or a PKCS#8 ECDSA P-256 private key (base64url; a test key, ' +
                        'never a real one) whose public key the sandbox reads from it. With the private key the sandbox hands ' +
                        "the passkey to a browser in Playwright's credentials shape (GET /__admin/sessions/{id}/passkeys).",
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        publicKey: { type: 'string', minLength: 1 },
                        privateKey: { type: 'string', minLength: 1 },
                        counter: { type: 'integer', minimum: 0 },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        tokens: {
          description: 'Extra bearer tokens, token -> user id; the user need not exist (how missing-user scenarios keep a valid token).',
          type: 'object',
          additionalProperties: { type: 'string', minLength: 1 },
        },
        generate: {
          description:
            'Many users made by json-schema-faker next to the named ones, the same for the same seed: realistic names, ' +
            'e-mails (example.com/.org/.net) and phones (+1, 555-01xx), ids of the vendor\'s shape (idFormat, default the ' +
            "surface's), a token <surface>-token-gen-<n> each (n from 1), role MEMBER. Exactly round(users x mfaEnabled) " +
            'of them, chosen by seed, have MFA on with every kind in factors (verified and enabled; the first is primary; ' +
            'TOTP with a real base32 secret). Made once per scenario on its first use, then copied into each session.',
          type: 'object',
          additionalProperties: false,
          required: ['users', 'seed'],
          properties: {
            users: { type: 'integer', minimum: 1, maximum: MAX_GENERATED_USERS },
            seed: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
            mfaEnabled: { type: 'number', minimum: 0, maximum: 1 },
            factors: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...GENERATED_FACTOR_KINDS] } },
            idFormat: { enum: [...GENERATED_ID_FORMATS] },
          },
        },
        accessKeys: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'secret'],
            properties: { id: { type: 'string', minLength: 1 }, secret: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
    lockout: {
      description:
        'Opt-in attempt limit: a user is locked after afterFailedAttempts wrong codes in a row (TOTP, e-mailed or texted ' +
        'one-time code, recovery code, refused passkey assertion), on every operation that checks one. The Nth wrong code ' +
        "still gets the vendor's wrong-code answer; every later request as (or about) that user gets the vendor's lockout " +
        'answer, the one QA\'s lock gives (PUT /__admin/sessions/{id}/users/{userId}/lock), until QA unlocks the user, which ' +
        'also clears the count, or, with lockedForSeconds, until that much time has passed on the session\'s clock. An ' +
        'accepted code clears the count. Counted per user in each session world. Without lockout, wrong codes never lock anyone.',
      type: 'object',
      additionalProperties: false,
      required: ['afterFailedAttempts'],
      properties: {
        afterFailedAttempts: { type: 'integer', minimum: 1 },
        lockedForSeconds: {
          description: "How long the lock lasts on the session's clock (move it: PUT /__admin/sessions/{id}/clock); without it, until QA unlocks.",
          type: 'integer',
          minimum: 1,
          maximum: 31_536_000,
        },
      },
    },
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['operationId'],
        properties: {
          operationId: { type: 'string', minLength: 1 },
          status: { type: 'integer', minimum: 100, maximum: 599 },
          example: { type: 'string', minLength: 1 },
          body: {},
          headers: {
            description: 'Response headers added to the answer the override gives (Retry-After on a 429 or 503).',
            type: 'object',
            minProperties: 1,
            maxProperties: MAX_OVERRIDE_HEADERS,
            propertyNames: { pattern: HEADER_NAME_PATTERN },
            additionalProperties: { type: 'string', maxLength: MAX_HEADER_VALUE_LENGTH, pattern: HEADER_VALUE_PATTERN },
          },
          latencyMs: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS },
          latency: {
            type: 'object',
            additionalProperties: false,
            required: ['min', 'max'],
            properties: { min: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS }, max: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS } },
          },
          fault: { enum: [...FAULT_KINDS] },
          faultRate: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        },
      },
    },
  },
} as const;
