import { FAULT_KINDS, MAX_LATENCY_MS } from '../engine/injected-faults.js';
import { GENERATED_FACTOR_KINDS, GENERATED_ID_FORMATS, MAX_GENERATED_USERS } from '../engine/generated-users.js';
import { FACTOR_KINDS } from '../engine/world.js';
import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN, MAX_HEADER_VALUE_LENGTH, MAX_OVERRIDE_HEADERS } from '../pipeline/check-override-headers.js';
import { WHEN_SCHEMA } from '../pipeline/check-override-conditions.js';

/** JSON Schema of a scenario file (`scenarios/<surface>/<name>.yaml`); errors point into the file by JSON pointer. */
// Typed, as every item of a uniqueItems list here: see the test "types the items of every uniqueItems list".
const factorKind = {
  type: 'string',
  enum: [...FACTOR_KINDS],
  description: 'A factor kind; each vendor has only some: Flashback totp, magic_link, passkey; nest-auth totp, email, sms; Lerian totp, email, sms; GenAuth totp, sms, email, face.',
};
// The descriptions are what an editor shows on hover (schemas/scenario-file.schema.json is this schema as a file).

/** An e-mail address, internationalised or not: one @, no spaces, a domain of dot-separated labels. */
export const SCENARIO_EMAIL_PATTERN = '^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$';

export const SCENARIO_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  // `x-` keys are the file author's own (as in OpenAPI): a place for YAML anchors that users and overrides merge in.
  patternProperties: { '^x-': {} },
  required: ['description'],
  properties: {
    $schema: {
      type: 'string',
      description: 'The JSON Schema this file follows, for an editor: node_modules/mfa-sandbox/schemas/scenario-file.schema.json. The sandbox ignores it.',
    },
    description: { type: 'string', minLength: 1, description: 'What the scenario is for, in a line: `mfa-sandbox scenarios` and the QA console show it.' },
    world: {
      type: 'object',
      additionalProperties: false,
      description: "The vendor's state a session starts with in this scenario: its organisation, MFA policy, users and their factors.",
      properties: {
        org: {
          description: 'The organisation (Flashback, nest-auth); null for none. Lerian and GenAuth have none (a warning says so).',
          // Not a oneOf of null and object: with every error reported, a oneOf adds a "must be null" beside each real one.
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['id', 'name'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            mfaEnforced: { type: 'boolean', description: 'The organisation enforces MFA on every member (Flashback: POST /mfa/organization/enforce).' },
          },
        },
        policy: {
          type: 'object',
          additionalProperties: false,
          description: "The application's MFA settings. Read by nest-auth (all but applications), GenAuth (methods, applications) and Flashback (required only); Lerian has none.",
          properties: {
            enabled: { type: 'boolean', description: 'nest-auth: MFA is on for the application.' },
            methods: { type: 'array', items: factorKind, uniqueItems: true, description: 'nest-auth: the methods offered; GenAuth: the factors enabled pool-wide.' },
            allowUserToggle: { type: 'boolean', description: 'nest-auth: a user may turn MFA off.' },
            allowMethodSelection: { type: 'boolean', description: 'nest-auth: a user may choose among the methods.' },
            required: { type: 'boolean', description: 'nest-auth and Flashback: every user must use MFA.' },
            appName: { type: 'string', minLength: 1, description: "nest-auth: the module's appName (default Nest Auth): the TOTP issuer and device names." },
            totpIssuer: { type: 'string', minLength: 1, description: "nest-auth: the module's mfa.totp.issuer (default appName)." },
            trustedDeviceSecret: {
              type: 'boolean',
              description: "nest-auth: the app sets mfa.trustedDeviceSecret (default true); false plays 2.11.1's defaults, where trusting a device is a 500.",
            },
            applications: {
              description: "GenAuth: each application's MFA settings by app id (GET /api/v3/get-application-mfa-settings).",
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
          description: 'The named users, each with the credentials a request signs in with (token; nest-auth also password).',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'email'],
            properties: {
              id: { type: 'string', minLength: 1, description: "The user id, of the vendor's shape (Lerian: a UUID; nest-auth: a UUID; GenAuth: 24 hex-like characters)." },
              // Not format 'email', which is ASCII only: a user of 用户@例子.广告 or josé@exämple.com is who a QA
              // engineer needs to reproduce a bug of (the vendors' answers carry the address unchecked).
              email: { type: 'string', pattern: SCENARIO_EMAIL_PATTERN },
              username: { type: 'string' },
              name: { type: 'string' },
              phone: { type: 'string', description: 'Where texted codes go (sms factors); GenAuth finds users by it.' },
              phoneCountryCode: { type: 'string', description: 'GenAuth: the phone number country code (+86).' },
              password: { type: 'string', minLength: 1, description: 'nest-auth: the password of POST /auth/login (default sandbox-password).' },
              token: { type: 'string', minLength: 1, description: 'The bearer token requests sign in with (Authorization: Bearer <token>); not GenAuth (signed requests).' },
              role: { enum: ['OWNER', 'ADMINISTRATOR', 'MEMBER'], description: "Flashback: the user's role in the organisation (an OWNER enforces MFA)." },
              active: { type: 'boolean', description: 'false: a deactivated user (Flashback, nest-auth).' },
              locked: { type: 'boolean', description: "true: locked from the start, as QA's lock (the vendor's locked-account answer)." },
              primaryMethod: { ...factorKind, description: "The user's primary method: one of the user's factors." },
              recoveryCodes: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Backup codes the user can sign in with, each once.' },
              aliases: {
                description: 'GenAuth: the other ids a request may find the user by (userIdType externalId, identity, syncRelation, customData).',
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
                description: "The user's MFA factors (devices, methods); a verified and enabled one turns MFA on for the user.",
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['kind'],
                  properties: {
                    id: { type: 'string', minLength: 1, description: "Default <user id>-<kind>-<n>; nest-auth's devices are UUIDs." },
                    kind: factorKind,
                    name: { type: 'string', description: "The vendor's name of the factor or device (Flashback GOOGLE_AUTH, GenAuth OTP)." },
                    secret: {
                      type: 'string',
                      pattern: '^[A-Z2-7]{16,}=*$',
                      description: 'totp: the base32 secret (upper case); the sandbox and an authenticator app make the same codes from it.',
                    },
                    verified: { type: 'boolean', description: 'Default true; false: a setup started and not verified.' },
                    enabled: { type: 'boolean', description: 'Default true; false: set up and turned off.' },
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
          description: 'GenAuth: the access keys requests are signed with (id and secret; the shipped genauth-sandbox-key / genauth-sandbox-secret).',
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
        afterFailedAttempts: { type: 'integer', minimum: 1, description: 'Wrong codes in a row that lock the user.' },
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
      description: "Scripted answers instead of the stateful ones, each for one operation (or `*`): checked against the surface's spec at start.",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['operationId'],
        properties: {
          operationId: { type: 'string', minLength: 1, description: "An operationId of the surface's spec (GET /__admin/surfaces lists them), or * for every operation." },
          when: WHEN_SCHEMA,
          status: { type: 'integer', minimum: 100, maximum: 599, description: 'A status the operation declares (default 200).' },
          example: { type: 'string', minLength: 1, description: "A named example of that status in the spec (default the status's first)." },
          body: { description: "A literal body instead of an example; it must fit the status's response schema." },
          headers: {
            description: 'Response headers added to the answer the override gives (Retry-After on a 429 or 503).',
            type: 'object',
            minProperties: 1,
            maxProperties: MAX_OVERRIDE_HEADERS,
            propertyNames: { pattern: HEADER_NAME_PATTERN },
            additionalProperties: { type: 'string', maxLength: MAX_HEADER_VALUE_LENGTH, pattern: HEADER_VALUE_PATTERN },
          },
          latencyMs: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS, description: 'Delay every answer this long (ms).' },
          latency: {
            description: 'Delay every answer by a random time between min and max (ms), the same for the same session seed.',
            type: 'object',
            additionalProperties: false,
            required: ['min', 'max'],
            properties: { min: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS }, max: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS } },
          },
          fault: { enum: [...FAULT_KINDS], description: 'Break the delivery of the answer: drop or reset the connection, send a malformed or truncated body, close the connection mid-body, answer as a failing gateway in front of the vendor (502, 503, 504), or send the body slowly, in pieces over the latency (3 s without one).' },
          faultRate: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'The share of answers the fault breaks (default every one), drawn from the session seed.' },
        },
      },
    },
  },
} as const;
