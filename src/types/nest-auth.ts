/**
 * Types of the nest-auth surface, generated from specs/nest-auth.openapi.yaml by openapi-typescript.
 * Do not edit: run `npm run generate:types`.
 */

export interface paths {
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Login
         * @description Signs a user in with a password [P auth.controller.js `login`, auth.service.js `login`; D vendor OpenAPI
         *     `AuthController_login`]. Only the `email` provider is served: `providerName` must be `email` and `credentials`
         *     `{email, password}`. When the user still needs MFA (`isRequiresMfa: true`), the tokens belong to a **pre-MFA
         *     session**: `POST /auth/mfa/verify` (or `verify-recovery-code`) turns it into a full one, and every route without
         *     `@SkipMfa` refuses it with 401 `MFA_REQUIRED`. `mfaMethods` lists email and SMS when the app offers them and TOTP when
         *     the user has a verified device; with `mfa.required` but the user's own MFA off, the library still says
         *     `isRequiresMfa: true` with `mfaMethods: []` and hands out a full session (2.11.1 reads the user's flag into the token).
         *     With app MFA off (`mfa.enabled` false), a user whose own MFA is on gets `isRequiresMfa: false` and still a pre-MFA
         *     session, which nothing can complete: every route without `@SkipMfa` refuses it with `MFA_REQUIRED` (2.11.1's guard
         *     reads only the token's flags).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout
         * @description Ends the session of the credentials sent, if any [P auth.controller.js `logout`, `@Auth(true)`: optional
         *     authentication], and clears the `accessToken` and `refreshToken` cookies, in either token mode. Always 200: a
         *     request without credentials, or with unknown ones, is logged out of nothing. Every token of the session it ends
         *     is refused afterwards (401 `Session not found`), its refresh token too.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh the session's tokens
         * @description Hands out a new access and refresh token for the session a refresh token belongs to [P auth.controller.js
         *     `refreshToken`, auth.service.js `refreshToken`, `@Public`]. The refresh token comes from the body, or in cookie
         *     token mode, when the body has none, from the `refreshToken` cookie. The session is renewed (another
         *     `refreshTokenValidity`, 30 days) and keeps its id; its earlier access tokens stay valid. Only the session's newest
         *     refresh token renews it: any other token of the session (an older refresh token, or its access token) is taken
         *     for a replay and **ends the session** (401 `REFRESH_TOKEN_INVALID`; every token of it is refused from then on).
         *     A pre-MFA session stays pre-MFA. The published client calls this when a request answers 401 (`autoRefresh`).
         */
        post: operations["refreshToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the current session
         * @description Whether the credentials sent belong to a live session [P auth.controller.js `verifySession`, `@SkipMfa`]: the
         *     session's user and when the session expires. A pre-MFA token is a live session too. The published client calls
         *     it (`verifySession()`) to learn, in cookie mode, whether the HttpOnly cookies still sign the user in.
         */
        get: operations["verifySession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user
         * @description The session's user as the published client's `getSessionUserData()` reads it [P auth.controller.js
         *     `sessionUserData`, auth.service.js `getSessionUserData`, `@SkipMfa`]: the user's own fields, roles and
         *     permissions. The sandbox's app has no roles, so both lists are empty.
         */
        get: operations["getSessionUserData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout from all devices
         * @description Ends every session of the signed-in user [P auth.controller.js `logoutAll`, logout.service.js `logoutAll`,
         *     `@SkipMfa`], the one making the call included, and clears the `accessToken` and `refreshToken` cookies. Every
         *     token of the user is refused afterwards with SESSION_NOT_FOUND (a scenario's fixed token too: it is one of the user's sessions).
         */
        post: operations["logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/client-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public client configuration
         * @description The app's public configuration for clients: enabled sign-in methods and the MFA options [P auth.controller.js
         *     `getClientConfig`]. No authentication. The sandbox serves the configuration of an app with email/password sign-in
         *     only (no tenants, no social providers), and the `mfa` block of the session's scenario.
         */
        get: operations["getClientConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get MFA status for the current user
         * @description The current user's MFA state and the application's MFA policy [D get-auth-mfa-status; P mfa.controller.js `getStatus`,
         *     mfa.service.js `getVerifiedMethods`]. Accepts a pre-MFA token (`@SkipMfa`). When application MFA is off the route
         *     still answers 200 with `isEnabled: false` and empty lists (no 403). `verifiedMethods` is, in this order: `totp` when
         *     the user has a verified device, `email` when the app offers e-mail and the user has an e-mail address, `sms` when the
         *     app offers SMS and the user has a phone number.
         */
        get: operations["getMfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/toggle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable or disable MFA for the current user
         * @description Turns MFA on or off for the current user [D post-auth-mfa-toggle; P mfa.controller.js `toggleMfa`, mfa.service.js
         *     `enableMFA`/`disableMFA`]. Needs a full session. 403 `MFA_NOT_ENABLED` when application MFA is off,
         *     `MFA_TOGGLING_NOT_ALLOWED` when `allowUserToggle` is false or MFA is required, `MFA_CANNOT_ENABLE_WITHOUT_METHOD`
         *     when enabling without a verified method.
         */
        post: operations["toggleMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List registered MFA devices
         * @description Lists the current user's TOTP devices, verified or pending, most recently used first, then newest first
         *     [D get-auth-mfa-devices; P mfa.controller.js `listDevices`, mfa.service.js `getTotpDevices`]. Accepts a pre-MFA
         *     token. 403 `MFA_NOT_ENABLED` when application MFA is off.
         */
        get: operations["listMfaDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a registered MFA device
         * @description Deletes one of the current user's TOTP devices [P mfa.controller.js `removeDevice`, mfa.service.js
         *     `removeTotpDevice`]. Needs a full session. 404 when the user has no device with that id. 403 `MFA_NOT_ENABLED`
         *     when application MFA is off.
         */
        delete: operations["removeMfaDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send MFA code for setup/verification
         * @description Creates the user's one MFA code (replacing any earlier one, whatever its method) and sends it by e-mail or SMS
         *     [D post-auth-mfa-challenge; P auth.controller.js `send2faCode`, mfa.service.js `sendMfaCode`]. Accepts a pre-MFA
         *     token. The route is declared by both controllers and AuthController's, which reads `@Body('method')` with no DTO,
         *     wins: nothing about `method` is validated, and any method answers 200. Only `email` and `sms` send the code (the SMS
         *     goes to the user's phone, or nowhere useful when the user has none); any other value still replaces the earlier
         *     code. 403 `MFA_NOT_ENABLED` when application MFA is off.
         */
        post: operations["sendMfaChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/setup-totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Setup TOTP Device
         * @description Generates a TOTP secret, stores it as an unverified device and returns it with a QR code and the `otpauth://` URI
         *     [D post-auth-mfa-setup-totp; P mfa.controller.js `setupTotp`, mfa.service.js `setupTotpDevice`]. Needs a full
         *     session. The body is optional: `deviceName` names the device (default `<appName> : <email>`), `label` is the account
         *     shown in the authenticator (default the e-mail). The URI is speakeasy's: `otpauth://totp/<account>?secret=…&issuer=…&period=30`.
         */
        post: operations["setupTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify-totp-setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify TOTP Setup
         * @description Confirms a device created by `setupTotp` with a code from the authenticator app (one step of drift either way);
         *     the device becomes verified [D post-auth-mfa-verify-totp-setup; P mfa.controller.js `verifyTotpSetup`,
         *     mfa.service.js `verifyTotpSetup`]. Needs a full session. A wrong code, or a secret that is not one of the user's
         *     devices, gives 401 `MFA_CODE_INVALID`; a secret already verified answers 200 again without looking at the code.
         *     There is no replay protection: the same code verifies again.
         */
        post: operations["verifyTotpSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/generate-recovery-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate Recovery Codes
         * @description Issues a new batch of single-use recovery codes (10, each 20 random bytes as base64url), replacing every unused
         *     one; the plaintext is shown only once [P mfa.controller.js `generateRecoveryCodes`, mfa.service.js
         *     `generateRecoveryCodes`]. `code` repeats the first of `codes` for clients of the one-code API. Needs a full
         *     session. Takes no body.
         */
        post: operations["generateRecoveryCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/reset-totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset TOTP Device
         * @description Consumes one of the user's recovery codes and deletes all their TOTP devices; if no verified method remains, MFA is
         *     turned off [D post-auth-mfa-reset-totp; P mfa.controller.js `resetTotp`, mfa.service.js `resetMfa`]. Accepts a
         *     pre-MFA token (the locked-out user's recovery path). The route reads `@Body('code')` with no DTO, so nothing is
         *     validated: a missing, wrong or used code is 401 `MFA_RECOVERY_CODE_INVALID`.
         */
        post: operations["resetTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify MFA (login step 2)
         * @description Second sign-in step: checks a code for the given method and returns full-session tokens [D auth/post-auth-mfa-verify;
         *     P auth.controller.js `verify2fa`, auth.service.js `verify2fa`, mfa.service.js `verifyMfa`]. Accepts a pre-MFA token
         *     (and a full one). `totp`: a code of any verified device, one step of drift either way, no replay protection (the
         *     device's `lastUsedAt` is set). `email`/`sms`: the user's current MFA code from `challenge` (any method's), used
         *     once; the channel then counts as verified. `trustDevice: true` also answers a `trustToken`: sent back later in the
         *     `nest_auth_device_trust` cookie or header (the cookie is read first), it lets `login` skip MFA for that user for
         *     7 days (`mfa.trustedDeviceDuration`).
         *     403 `MFA_NOT_ENABLED` when application MFA is off.
         */
        post: operations["verifyMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify-recovery-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a recovery code (login step 2)
         * @description Second sign-in step with a recovery code instead of an MFA code: consumes one of the user's recovery codes and
         *     returns full-session tokens [P auth.controller.js `verifyRecoveryCode`, auth.service.js `verifyRecoveryCode`;
         *     @ackplus/nest-auth-client `verifyRecoveryCode()`]. Accepts a pre-MFA token. 401 `MFA_NOT_ENABLED` when the user
         *     does not need MFA (app MFA off, or neither required nor switched on by the user); 401 `MFA_RECOVERY_CODE_INVALID`
         *     for a wrong or used code.
         */
        post: operations["verifyRecoveryCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description MFA method (NestAuthMFAMethodEnum) [D, P].
         * @enum {string}
         */
        MfaMethod: "email" | "sms" | "totp";
        /** @description A registered TOTP device [D, P mfa.service.js getTotpDevices]. */
        MfaDeviceDto: {
            /**
             * @description Device id (a UUID).
             * @example 4b3c9c9c-9a9d-4d1e-8d9f-123456789abc
             */
            id: string;
            /**
             * @description Name stored for the device; defaults to `<appName> : <email>` [P].
             * @example Work laptop
             */
            deviceName: string;
            method: components["schemas"]["MfaMethod"];
            /**
             * Format: date-time
             * @description Last successful sign-in with the device; null if never used.
             * @example 2024-05-20T12:34:56.000Z
             */
            lastUsedAt: string | null;
            /**
             * Format: date-time
             * @description When the device was registered.
             * @example 2024-05-18T10:15:00.000Z
             */
            createdAt: string;
            /** @description Whether the device setup was confirmed with verifyTotpSetup. */
            verified: boolean;
        };
        /** @description MFA status of the current user [D get-auth-mfa-status; P]. */
        MfaStatusResponseDto: {
            /** @description Whether MFA is on for the user (always true when MFA is required). */
            isEnabled: boolean;
            /** @description MFA methods the user can use now: totp (a verified device), email (an e-mail address), sms (a phone number), each only when the app offers it. */
            verifiedMethods: components["schemas"]["MfaMethod"][];
            /** @description All MFA methods the application offers (empty when app MFA is off). */
            configuredMethods: components["schemas"]["MfaMethod"][];
            /** @description Whether MFA toggling is allowed for the user. */
            allowUserToggle: boolean;
            /** @description Whether users can choose their preferred MFA method. */
            allowMethodSelection: boolean;
            /** @description Registered TOTP devices for the user. */
            totpDevices: components["schemas"]["MfaDeviceDto"][];
            /** @description Whether the user has an unused recovery code. */
            hasRecoveryCode: boolean;
            /** @description Whether MFA is required for all users; if true users cannot disable MFA. */
            required: boolean;
            /** @description Whether the user can toggle MFA (false when required=true, even if allowUserToggle is true). */
            canToggle: boolean;
        };
        /** @description Plain success message [P auth-messages.response.dto]. */
        MessageResponseDto: {
            message: string;
        };
        /** @description Error body, as the vendor's AuthExceptionFilter writes it [D ApiErrorResponseDto; P auth-exception.filter.js]. */
        ApiErrorResponseDto: {
            /** @description HTTP status code, repeated in the body. */
            statusCode: number;
            /**
             * @description The exception's class name, or the HTTP reason phrase for Nest's own exceptions.
             * @example UnauthorizedException
             * @example Bad Request
             */
            error?: string;
            /** @description Human-readable message (for a refused body, the first problem only). */
            message: string;
            /**
             * @description Machine-readable error code (nest-auth ERROR_CODES), when the exception carries one.
             * @example INVALID_CREDENTIALS
             */
            code?: string;
        };
        /** @description Nest's own answer to an exception that is not an HttpException (the library's filter catches only those) [P @nestjs/core BaseExceptionFilter]. */
        InternalServerErrorDto: {
            /**
             * @description HTTP status code, repeated in the body.
             * @constant
             */
            statusCode: 500;
            /** @description Nest's message: Internal server error. */
            message: string;
        };
        /** @description Body of login [P login.request.dto.js; D NestAuthLoginRequestDto]. Unknown fields are stripped. */
        LoginRequestDto: {
            /**
             * @description Sign-in provider; the sandbox serves `email` only. Optional in 2.11.1's DTO (so in a generated client's types), yet a login without it is refused as one naming no enabled provider (401 INVALID_PROVIDER), by 2.11.1 as by the sandbox: send `email`.
             * @example email
             */
            providerName?: string | null;
            /** @description Provider credentials; for `email`: {email, password}. */
            credentials: {
                /** @description The e-mail; compared trimmed and ignoring case. */
                email?: unknown;
                /** @description The password. */
                password?: unknown;
            };
            /**
             * Format: uuid
             * @description Tenant to sign in to (multi-tenant apps only; the sandbox's app has none, so one is refused with TENANT_NOT_ENABLED).
             */
            tenantId?: string | null;
            /** @deprecated */
            guard?: string | null;
            createUserIfNotExists?: boolean | null;
            rememberMe?: boolean | null;
        };
        /** @description Tokens of the new session [P session-token.service.js generateAuthResponse, auth.controller.js login]; in cookie token mode the tokens are cookies and the body has none. */
        LoginResponseDto: {
            /** @description JWT access token; of a pre-MFA session when isRequiresMfa is true and the user has MFA on. */
            accessToken?: string;
            refreshToken?: string;
            /** @description The user must complete the MFA step (verify or verify-recovery-code). */
            isRequiresMfa: boolean;
            /** @description Methods the user can complete the MFA step with (email/sms when offered, totp with a verified device); empty when the user's own MFA is off. */
            mfaMethods?: components["schemas"]["MfaMethod"][];
            defaultMfaMethod?: components["schemas"]["MfaMethod"];
            /** @example Login successful */
            message: string;
        };
        /** @description Body of refresh-token [P refresh-token.request.dto.js]. Unknown fields are stripped. */
        RefreshTokenRequestDto: {
            /** @description The session's newest refresh token; may be left out in cookie token mode (the `refreshToken` cookie is read). */
            refreshToken?: string | null;
        };
        /** @description New tokens of the session [P auth.controller.js refreshToken, session-token.service.js generateAuthResponse]; in cookie token mode the tokens are cookies and the body has none. */
        RefreshTokenResponseDto: {
            accessToken?: string;
            refreshToken?: string;
            /**
             * @description Always false, a pre-MFA session's refresh included (its new access token is still pre-MFA).
             * @constant
             */
            isRequiresMfa: false;
            /** @constant */
            message: "Token refreshed successfully";
        };
        /** @description A live session [P auth.controller.js verifySession]. */
        VerifySessionResponseDto: {
            /** @constant */
            valid: true;
            userId: string;
            /**
             * Format: date-time
             * @description When the session expires unless refreshed (30 days after sign-in or the last refresh).
             */
            expiresAt?: string;
        };
        /** @description The session's user [P auth.service.js getSessionUserData]. */
        SessionUserDataDto: {
            id: string;
            email: string | null;
            phone: string | null;
            /** Format: date-time */
            emailVerifiedAt: string | null;
            /** Format: date-time */
            phoneVerifiedAt: string | null;
            /** @description The user's own MFA switch. */
            isMfaEnabled: boolean;
            metadata: Record<string, never>;
            mustChangePassword: boolean;
            roles: Record<string, never>[];
            permissions: string[];
        };
        /** @description Public client configuration [P auth.controller.js getClientConfig, client-config.response.dto.js]. */
        ClientConfigResponseDto: {
            tenants: {
                enabled?: boolean;
                mode?: string;
            };
            multipleAccounts: {
                enabled?: boolean;
            };
            roleGuards?: string[];
            emailAuth: {
                enabled?: boolean;
            };
            phoneAuth: {
                enabled?: boolean;
            };
            passwordless: {
                enabled?: boolean;
                allowSignUp?: boolean;
            };
            google: components["schemas"]["ProviderConfigDto"];
            facebook: components["schemas"]["ProviderConfigDto"];
            apple: components["schemas"]["ProviderConfigDto"];
            github: components["schemas"]["ProviderConfigDto"];
            customProviders: string[];
            registration: {
                enabled?: boolean;
                requireInvitation?: boolean;
            };
            mfa: {
                enabled: boolean;
                methods?: components["schemas"]["MfaMethod"][];
                allowUserToggle?: boolean;
                allowMethodSelection?: boolean;
            };
            platformAccess: {
                enabled?: boolean;
            };
            /** @enum {string} */
            accessTokenType: "header" | "cookie";
        };
        /** @description A social sign-in provider's public settings. */
        ProviderConfigDto: {
            enabled: boolean;
            clientId?: string;
            appId?: string;
        };
        /** @description Body of toggleMfa [P toggle-mfa.request.dto.js `@IsDefined() @IsBoolean()`]. Unknown fields are stripped. */
        ToggleMfaRequestDto: {
            /** @description true to enable MFA, false to disable it. */
            enabled: boolean;
        };
        /** @description Body of sendMfaChallenge; the served route reads `method` without validating it [P auth.controller.js send2faCode]. */
        SendMfaCodeRequestDto: {
            /**
             * @description email or sms sends the code; any other value only replaces the user's earlier code.
             * @example email
             */
            method?: unknown;
        };
        /** @description Optional body of setupTotp [P setup-totp.request.dto.js]. Unknown fields are stripped. */
        SetupTotpRequestDto: {
            /**
             * @description Account label shown in the authenticator app under the issuer; defaults to the user's email.
             * @example ada@acme.com (Acme Corp)
             */
            label?: string | null;
            /**
             * @description Name stored for the device; defaults to `<appName> : <email>`.
             * @example iPhone Authenticator
             */
            deviceName?: string | null;
        };
        /** @description New TOTP secret [P mfa.service.js setupTotpDevice]. */
        TotpSetupResponseDto: {
            /** @description Base32 TOTP secret (speakeasy, 20 bytes → 32 characters). */
            secret: string;
            /** @description QR code of otpAuthUrl as a PNG data URL. */
            qrCode: string;
            /** @description Key URI scanned by authenticator apps (speakeasy's format; the label is not URL-encoded). */
            otpAuthUrl: string;
            /** @description Issuer shown in the authenticator (mfa.totp.issuer, else appName). */
            issuer: string;
            /** @description Account label shown in the authenticator (label, else email, phone or user id). */
            account: string;
        };
        /** @description Body of verifyTotpSetup [P verify-totp-setup.request.dto.js `@IsString() @IsNotEmpty()` each]. Unknown fields are stripped. */
        VerifyTotpSetupRequestDto: {
            /**
             * @description Current code from the authenticator app.
             * @example 123456
             */
            otp: string;
            /**
             * @description Secret returned by setupTotp.
             * @example JBSWY3DPEHPK3PXP
             */
            secret: string;
        };
        /** @description New recovery codes [P mfa.controller.js generateRecoveryCodes]. */
        RecoveryCodesResponseDto: {
            /** @description Single-use recovery codes (10 by default), shown once. */
            codes: string[];
            /** @description The first of `codes`. */
            code: string;
        };
        /** @description Body of resetTotp; `code` is read without validation [P mfa.controller.js resetTotp, `@Body('code')`]. */
        ResetTotpRequestDto: {
            /**
             * @description One of the recovery codes from generateRecoveryCode.
             * @example Zx3kQ9vT_m2LpR8sWb1yN4cHf7A
             */
            code?: unknown;
        };
        /** @description Body of verifyMfa [D auth/post-auth-mfa-verify; P verify-2fa.request.dto.js]. Unknown fields are stripped. */
        Verify2faRequestDto: {
            method: components["schemas"]["MfaMethod"];
            /**
             * @description One-time code.
             * @example 123456
             */
            otp: string;
            /** @description Trust this device for later sign-ins (the answer carries a trustToken). */
            trustDevice?: boolean | null;
        };
        /** @description Body of verifyRecoveryCode [P verify-recovery-code.request.dto.js]. Unknown fields are stripped. */
        VerifyRecoveryCodeRequestDto: {
            /** @description One of the user's unused recovery codes. */
            code: string;
            /** @description Trust this device for later sign-ins (the answer carries a trustToken). */
            trustDevice?: boolean | null;
        };
        /** @description Full-session tokens after the MFA step [P session-token.service.js generateAuthResponse]; in cookie token mode the tokens (and a trustToken) are cookies and the body has none. */
        Verify2faResponseDto: {
            /** @description JWT access token of the full session. */
            accessToken?: string;
            /** @description JWT refresh token. */
            refreshToken?: string;
            /** @constant */
            isRequiresMfa: false;
            /** @description Present when trustDevice was true; send it back in the `nest_auth_device_trust` cookie or header at login, within 7 days. */
            trustToken?: string;
            /**
             * @description Success message.
             * @example 2FA verification successful
             */
            message: string;
        };
    };
    responses: {
        /** @description The JSON body cannot be parsed. Express's body parser answers before the guard and the route, with JSON.parse's own words, on every route that reads a body, including those that validate nothing else. */
        MalformedJson: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description A JSON or form body of more than 100 KB (102,400 bytes, decoded), or a form (`application/x-www-form-urlencoded`) of more than 1,000 parameters. Express's body parser answers before the guard and the route. */
        BodyTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description A JSON body whose Content-Type names a charset that is no UTF (`utf-8`, `utf-16`, ...), or a form body one other than `utf-8`, or a JSON or form body sent with a Content-Encoding other than gzip, deflate, br and identity. Express's body parser answers before the guard and the route, naming the charset in capitals, the encoding as sent in lower case; the charset is checked first. */
        BodyUnsupportedCharset: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description Missing, invalid or expired credentials; the session's user is gone; or the account is deactivated [P auth.guard.js]. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description As Unauthorized, and a pre-MFA token on a route that needs a full session (no `@SkipMfa`) [P auth.guard.js `checkMfa`]. */
        UnauthorizedMfaRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description MFA is switched off for the application (`mfa.enabled` false). */
        MfaNotEnabled: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description Unexpected server error (Nest's answer to an exception that is not an HttpException; the filter catches only those). */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["InternalServerErrorDto"];
            };
        };
    };
    parameters: {
        /**
         * @description `cookie` asks for cookie token mode: the answer's tokens are set as HttpOnly cookies (`accessToken`, `refreshToken`, `nest_auth_device_trust`) and left out of the body; any other value, or none, is header mode. @ackplus/nest-auth-client sends its mode here on every request.
         * @example cookie
         */
        AccessTokenType: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description In cookie token mode (`x-access-token-type` cookie), one `Set-Cookie` per token the answer carries, plus `nest_auth_remember`.
         * @example accessToken=eyJhbGciOiJIUzI1NiJ9.e30.x; Max-Age=3600; Path=/; Expires=Thu, 01 Jan 2026 10:00:00 GMT; HttpOnly; SameSite=Lax
         */
        TokenCookies: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description `cookie` asks for cookie token mode: the answer's tokens are set as HttpOnly cookies (`accessToken`, `refreshToken`, `nest_auth_device_trust`) and left out of the body; any other value, or none, is header mode. @ackplus/nest-auth-client sends its mode here on every request.
                 * @example cookie
                 */
                "x-access-token-type"?: components["parameters"]["AccessTokenType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequestDto"];
            };
        };
        responses: {
            /** @description Signed in; a pre-MFA session when `isRequiresMfa` is true. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["TokenCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            /** @description Body failed validation, or the provider's required credentials are missing. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description Unknown provider, wrong credentials, or a deactivated account. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out; the token cookies are cleared. */
            200: {
                headers: {
                    /** @description `accessToken` and `refreshToken`, cleared (`Expires` in 1970). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        message: "Logged out successfully";
                    };
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    refreshToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description `cookie` asks for cookie token mode: the answer's tokens are set as HttpOnly cookies (`accessToken`, `refreshToken`, `nest_auth_device_trust`) and left out of the body; any other value, or none, is header mode. @ackplus/nest-auth-client sends its mode here on every request.
                 * @example cookie
                 */
                "x-access-token-type"?: components["parameters"]["AccessTokenType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshTokenRequestDto"];
            };
        };
        responses: {
            /** @description New tokens of the same session. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["TokenCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefreshTokenResponseDto"];
                };
            };
            /** @description The body failed validation (class-validator's words), or is not JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description No refresh token, one no sandbox signed or expired, one whose session ended, a replayed one, or the session's user gone or deactivated. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    verifySession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is live. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifySessionResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getSessionUserData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session's user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionUserDataDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    logoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session of the user ended; the token cookies are cleared. */
            200: {
                headers: {
                    /** @description `accessToken` and `refreshToken`, cleared (`Expires` in 1970). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        message: "Logged out from all devices successfully";
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getClientConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The public configuration. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientConfigResponseDto"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    getMfaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MFA status of the current user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaStatusResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    toggleMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToggleMfaRequestDto"];
            };
        };
        responses: {
            /** @description MFA switched on or off. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            /** @description Request body failed validation. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["UnauthorizedMfaRequired"];
            /** @description MFA cannot be toggled for this user. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listMfaDevices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's registered MFA devices. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaDeviceDto"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MfaNotEnabled"];
            500: components["responses"]["InternalServerError"];
        };
    };
    removeMfaDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the MFA device (as returned by `listMfaDevices`). */
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Device removed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            401: components["responses"]["UnauthorizedMfaRequired"];
            403: components["responses"]["MfaNotEnabled"];
            /** @description No device with this id belongs to the user. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    sendMfaChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SendMfaCodeRequestDto"];
            };
        };
        responses: {
            /** @description Code created (and sent for email/SMS). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MfaNotEnabled"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    setupTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SetupTotpRequestDto"];
            };
        };
        responses: {
            /** @description New unverified TOTP secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpSetupResponseDto"];
                };
            };
            /** @description Request body failed validation. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["UnauthorizedMfaRequired"];
            403: components["responses"]["MfaNotEnabled"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    verifyTotpSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyTotpSetupRequestDto"];
            };
        };
        responses: {
            /** @description Device verified. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            /** @description Request body failed validation. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description Missing or refused credentials, a pre-MFA token, or a wrong code. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            403: components["responses"]["MfaNotEnabled"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    generateRecoveryCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new recovery codes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodesResponseDto"];
                };
            };
            401: components["responses"]["UnauthorizedMfaRequired"];
            403: components["responses"]["MfaNotEnabled"];
            500: components["responses"]["InternalServerError"];
        };
    };
    resetTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ResetTotpRequestDto"];
            };
        };
        responses: {
            /** @description Recovery code accepted; TOTP devices removed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            400: components["responses"]["MalformedJson"];
            /** @description Missing or refused credentials, or a missing, wrong or used recovery code. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            403: components["responses"]["MfaNotEnabled"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    verifyMfa: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description `cookie` asks for cookie token mode: the answer's tokens are set as HttpOnly cookies (`accessToken`, `refreshToken`, `nest_auth_device_trust`) and left out of the body; any other value, or none, is header mode. @ackplus/nest-auth-client sends its mode here on every request.
                 * @example cookie
                 */
                "x-access-token-type"?: components["parameters"]["AccessTokenType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Verify2faRequestDto"];
            };
        };
        responses: {
            /** @description Code accepted; full-session tokens issued (in the body, or in cookies in cookie token mode). */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["TokenCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Verify2faResponseDto"];
                };
            };
            /** @description Body failed validation, or a wrong, used or expired e-mail/SMS code. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description Missing or refused credentials, or a wrong TOTP code. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            403: components["responses"]["MfaNotEnabled"];
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
    verifyRecoveryCode: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description `cookie` asks for cookie token mode: the answer's tokens are set as HttpOnly cookies (`accessToken`, `refreshToken`, `nest_auth_device_trust`) and left out of the body; any other value, or none, is header mode. @ackplus/nest-auth-client sends its mode here on every request.
                 * @example cookie
                 */
                "x-access-token-type"?: components["parameters"]["AccessTokenType"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyRecoveryCodeRequestDto"];
            };
        };
        responses: {
            /** @description Code accepted; full-session tokens issued (in the body, or in cookies in cookie token mode). */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["TokenCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Verify2faResponseDto"];
                };
            };
            /** @description Body failed validation. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description Missing or refused credentials, MFA not needed by the user, or a wrong or used recovery code. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            413: components["responses"]["BodyTooLarge"];
            415: components["responses"]["BodyUnsupportedCharset"];
            500: components["responses"]["InternalServerError"];
        };
    };
}

/** Response example names of each operation, by status (for typed handlers). */
export interface exampleNames {
  "login": {
    200: "mfaRequired" | "signedIn" | "cookieMode";
    400: "VALIDATION_ERROR" | "MISSING_REQUIRED_FIELDS" | "TENANT_NOT_ENABLED" | "EMAIL_REQUIRED" | "UNDECODABLE_BODY";
    401: "INVALID_CREDENTIALS" | "INVALID_PROVIDER" | "ACCOUNT_INACTIVE";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "logout": {
    200: "loggedOut";
    500: "INTERNAL_SERVER_ERROR";
  };
  "refreshToken": {
    200: "refreshed" | "cookieMode";
    400: "VALIDATION_ERROR" | "MALFORMED_JSON" | "UNDECODABLE_BODY";
    401: "REFRESH_TOKEN_REQUIRED" | "REFRESH_TOKEN_EXPIRED" | "SESSION_NOT_FOUND" | "REFRESH_TOKEN_REPLAYED" | "USER_NOT_FOUND" | "ACCOUNT_INACTIVE";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "verifySession": {
    200: "live";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    500: "INTERNAL_SERVER_ERROR";
  };
  "getSessionUserData": {
    200: "ada";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    500: "INTERNAL_SERVER_ERROR";
  };
  "logoutAll": {
    200: "loggedOutAll";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    500: "INTERNAL_SERVER_ERROR";
  };
  "getClientConfig": {
    200: "default";
    500: "INTERNAL_SERVER_ERROR";
  };
  "getMfaStatus": {
    200: "documented" | "notEnrolled" | "requiredByPolicy" | "appMfaDisabled";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    500: "INTERNAL_SERVER_ERROR";
  };
  "toggleMfa": {
    200: "enabled" | "disabled";
    400: "VALIDATION_ERROR" | "enabledMissing" | "UNDECODABLE_BODY";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE" | "MFA_REQUIRED";
    403: "MFA_TOGGLING_NOT_ALLOWED" | "MFA_NOT_ENABLED" | "MFA_CANNOT_ENABLE_WITHOUT_METHOD";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "listMfaDevices": {
    200: "documented" | "withPendingDevice" | "empty";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    403: "MFA_NOT_ENABLED";
    500: "INTERNAL_SERVER_ERROR";
  };
  "removeMfaDevice": {
    200: "removed";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE" | "MFA_REQUIRED";
    403: "MFA_NOT_ENABLED";
    404: "MFA_DEVICE_NOT_FOUND";
    500: "INTERNAL_SERVER_ERROR";
  };
  "sendMfaChallenge": {
    200: "sent";
    400: "MALFORMED_JSON" | "UNDECODABLE_BODY";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    403: "MFA_NOT_ENABLED";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "setupTotp": {
    200: "created";
    400: "VALIDATION_ERROR" | "labelTooLong" | "UNDECODABLE_BODY";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE" | "MFA_REQUIRED";
    403: "MFA_NOT_ENABLED";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "verifyTotpSetup": {
    200: "verified";
    400: "VALIDATION_ERROR" | "otpNotString" | "UNDECODABLE_BODY";
    401: "MFA_CODE_INVALID" | "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE" | "MFA_REQUIRED";
    403: "MFA_NOT_ENABLED";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "generateRecoveryCode": {
    200: "generated";
    401: "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE" | "MFA_REQUIRED";
    403: "MFA_NOT_ENABLED";
    500: "INTERNAL_SERVER_ERROR";
  };
  "resetTotp": {
    200: "reset";
    400: "MALFORMED_JSON" | "UNDECODABLE_BODY";
    401: "MFA_RECOVERY_CODE_INVALID" | "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    403: "MFA_NOT_ENABLED";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "verifyMfa": {
    200: "documented" | "trusted" | "cookieMode";
    400: "VALIDATION_ERROR" | "otpMissing" | "VERIFICATION_CODE_INVALID" | "VERIFICATION_CODE_EXPIRED" | "VERIFICATION_CODE_ATTEMPTS_EXHAUSTED" | "MISSING_REQUIRED_FIELD" | "UNDECODABLE_BODY";
    401: "MFA_CODE_INVALID" | "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    403: "MFA_NOT_ENABLED";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
  "verifyRecoveryCode": {
    200: "verified";
    400: "VALIDATION_ERROR" | "UNDECODABLE_BODY";
    401: "MFA_RECOVERY_CODE_INVALID" | "MFA_NOT_ENABLED" | "NO_AUTH_PROVIDED" | "INVALID_TOKEN" | "INVALID_API_KEY_FORMAT" | "INVALID_API_KEY" | "SESSION_NOT_FOUND" | "ACCOUNT_INACTIVE";
    413: "ENTITY_TOO_LARGE" | "TOO_MANY_PARAMETERS";
    415: "UNSUPPORTED_CHARSET" | "UNSUPPORTED_CONTENT_ENCODING";
    500: "INTERNAL_SERVER_ERROR";
  };
}
