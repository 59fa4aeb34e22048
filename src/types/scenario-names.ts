/**
 * Names of the scenarios the package ships, by surface, generated from scenarios/<surface>/<name>.yaml.
 * Do not edit: run `npm run generate:types`.
 */

export interface shippedScenarios {
  "flashback": "default" | "flaky-network" | "inactive-user" | "lockout" | "many-users" | "mfa-enabled" | "missing-user" | "no-organization" | "one-user-fails" | "org-enforced" | "server-error" | "slow";
  "nest-auth": "default" | "lockout" | "many-users" | "mfa-disabled" | "mfa-enabled" | "missing-user" | "org-enforced" | "server-error" | "sms-unverified" | "totp-only";
  "lerian": "default" | "lockout" | "mfa-enabled" | "missing-user" | "server-error";
  "genauth": "default" | "lockout" | "many-users" | "mfa-enabled" | "missing-user" | "org-enforced" | "rate-limited" | "server-error";
}
