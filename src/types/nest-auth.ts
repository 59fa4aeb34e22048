/**
 * Types of the nest-auth surface, generated from specs/nest-auth.openapi.yaml by openapi-typescript.
 * Do not edit: run `npm run generate:types`.
 */

export interface paths {
    "/auth/mfa/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get MFA status for the current user
         * @description Returns the current user's MFA state and the application's MFA policy [D get-auth-mfa-status; C mfa.controller.ts `getStatus`].
         *     Accepts a pre-MFA (challenge-stage) token (`@SkipMfa`). When application MFA is off the route still answers 200
         *     with `isEnabled: false` and empty method/device lists (no 403) [C].
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
         * @description Turns MFA on or off for the current user [D post-auth-mfa-toggle; C mfa.controller.ts `toggleMfa`, mfa.service.ts
         *     `enableMFA`/`disableMFA`]. 403 `MFA_NOT_ENABLED` when application MFA is off, `MFA_TOGGLING_NOT_ALLOWED` when
         *     `allowUserToggle` is false or MFA is required, `MFA_CANNOT_ENABLE_WITHOUT_METHOD` when enabling without a verified method.
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
         * @description Lists the current user's TOTP devices, verified or pending, most recently used first
         *     [D get-auth-mfa-devices; C mfa.controller.ts `listDevices`, mfa.service.ts `getTotpDevices`].
         *     403 `MFA_NOT_ENABLED` when application MFA is off.
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
         * @description Deletes one of the current user's TOTP devices [C mfa.controller.ts `removeDevice`; vendor OpenAPI].
         *     403 `MFA_NOT_ENABLED` when application MFA is off.
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
         * @description Creates a one-time code for the chosen method and delivers it by email or SMS (for `totp` nothing is sent)
         *     [D post-auth-mfa-challenge; C mfa.controller.ts `challenge`, mfa.service.ts `sendMfaCode`]. Accepts a pre-MFA token.
         *     400 `MFA_METHOD_NOT_AVAILABLE` when the method is not configured for the app; 403 `MFA_NOT_ENABLED` when application MFA is off.
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
         *     [D post-auth-mfa-setup-totp; C mfa.controller.ts `setupTotp`, mfa.service.ts `setupTotpDevice`, nest-auth-contracts
         *     `ITotpSetupResponse`]. The body is optional. The device becomes usable after `verifyTotpSetup`.
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
         * @description Confirms a device created by `setupTotp` with a current code from the authenticator app; the device becomes verified
         *     [D post-auth-mfa-verify-totp-setup; C mfa.controller.ts `verifyTotpSetup`, dto/requests/verify-totp-setup.request.dto.ts].
         *     A wrong code or an unknown secret gives 400 `MFA_CODE_INVALID`. A secret already verified answers 200 again.
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
         * @description Issues a new single-use recovery code, replacing any previous one; the plaintext is shown only once
         *     [C mfa.controller.ts `generateRecoveryCodes`, mfa.service.ts `generateRecoveryCode`]. Takes no body.
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
         * @description Consumes the user's recovery code and deletes all their TOTP devices; if no verified method remains, MFA is turned off
         *     [D post-auth-mfa-reset-totp; C mfa.controller.ts `resetTotp`, mfa.service.ts `resetMfa`]. Accepts a pre-MFA token
         *     (the locked-out user's recovery path). A wrong or already used code gives 400 `MFA_RECOVERY_CODE_INVALID`.
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
         * @description Second login step: checks an OTP for the given method with the pre-MFA token from login and returns full-access tokens
         *     [D auth/post-auth-mfa-verify; C auth.controller.ts, dto/requests/verify-2fa.request.dto.ts, dto/responses/auth.response.dto.ts].
         *     `trustDevice` (or the older `rememberDevice`) asks the server to trust this device for later logins; if both are sent,
         *     `trustDevice` wins. 403 `MFA_NOT_ENABLED` when application MFA is off.
         */
        post: operations["verifyMfa"];
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
         * @description MFA method (NestAuthMFAMethodEnum) [D, C].
         * @enum {string}
         */
        MfaMethod: "email" | "sms" | "totp";
        /** @description A registered TOTP device [D, C mfa-status.response.dto.ts]. */
        MfaDeviceDto: {
            /**
             * @description Device id.
             * @example 4b3c9c9c-9a9d-4d1e-8d9f-123456789abc
             */
            id: string;
            /**
             * @description Name stored for the device; defaults to `<appName> : <email>` [C].
             * @example Work laptop
             */
            deviceName: string;
            method: components["schemas"]["MfaMethod"];
            /**
             * Format: date-time
             * @description Last successful use; null if never used.
             * @example 2024-05-20T12:34:56.000Z
             */
            lastUsedAt?: string | null;
            /** @description Whether the device setup was confirmed with verifyTotpSetup. */
            verified: boolean;
            /**
             * Format: date-time
             * @description When the device was registered.
             * @example 2024-05-18T10:15:00.000Z
             */
            createdAt?: string;
        };
        /** @description MFA status of the current user [D get-auth-mfa-status]. */
        MfaStatusResponseDto: {
            /** @description Whether MFA is currently enabled for the user. */
            isEnabled: boolean;
            /** @description MFA methods the user has verified and can currently use. */
            verifiedMethods: components["schemas"]["MfaMethod"][];
            /** @description All MFA methods configured and available in the application. */
            configuredMethods: components["schemas"]["MfaMethod"][];
            /** @description Whether MFA toggling is allowed for the user. */
            allowUserToggle: boolean;
            /** @description Whether users can choose their preferred MFA method. */
            allowMethodSelection: boolean;
            /** @description Registered TOTP devices for the user. */
            totpDevices: components["schemas"]["MfaDeviceDto"][];
            /** @description Whether a recovery code has been generated for the user. */
            hasRecoveryCode: boolean;
            /** @description Whether MFA is required for all users; if true users cannot disable MFA. */
            required: boolean;
            /** @description Whether the user can toggle MFA (false when required=true, even if allowUserToggle is true). */
            canToggle: boolean;
        };
        /** @description Plain success message [C auth-messages.response.dto.ts]. */
        MessageResponseDto: {
            message: string;
        };
        /** @description Error body [D ApiErrorResponseDto]. */
        ApiErrorResponseDto: {
            /** @description HTTP status code, repeated in the body. */
            statusCode: number;
            /**
             * @description HTTP reason phrase.
             * @example Unauthorized
             */
            error: string;
            /** @description Human-readable message. */
            message: string;
            /**
             * @description Machine-readable error code (nest-auth ERROR_CODES).
             * @example INVALID_CREDENTIALS
             */
            code: string;
        };
        /** @description Body of toggleMfa [C toggle-mfa.request.dto.ts]. */
        ToggleMfaRequestDto: {
            /** @description true to enable MFA, false to disable it. */
            enabled: boolean;
        };
        /** @description Body of sendMfaChallenge [C send-mfa-code.request.dto.ts]. */
        SendMfaCodeRequestDto: {
            method: components["schemas"]["MfaMethod"];
        };
        /** @description Optional body of setupTotp [C setup-totp.request.dto.ts]. */
        SetupTotpRequestDto: {
            /**
             * @description Account label shown in the authenticator app under the issuer; defaults to the user's email.
             * @example ada@acme.com (Acme Corp)
             */
            label?: string;
            /**
             * @description Name stored for the device; defaults to `<appName> : <email>`.
             * @example iPhone Authenticator
             */
            deviceName?: string;
        };
        /** @description New TOTP secret [C mfa.service.ts setupTotpDevice, nest-auth-contracts ITotpSetupResponse]. */
        TotpSetupResponseDto: {
            /** @description Base32 TOTP secret (speakeasy, 20 bytes → 32 characters). */
            secret: string;
            /** @description QR code of otpAuthUrl as a PNG data URL. */
            qrCode: string;
            /**
             * Format: uri
             * @description Key URI scanned by authenticator apps.
             */
            otpAuthUrl: string;
            /** @description Issuer shown in the authenticator (mfa.totp.issuer, else appName). */
            issuer?: string;
            /** @description Account label shown in the authenticator (label, else email, phone or user id). */
            account?: string;
        };
        /** @description Body of verifyTotpSetup [C verify-totp-setup.request.dto.ts]. */
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
            /** @description Optional new name for the device. */
            deviceName?: string;
        };
        /** @description New recovery code [C mfa.controller.ts generateRecoveryCodes]. */
        RecoveryCodeResponseDto: {
            /** @description Single-use recovery code, shown once. */
            code: string;
        };
        /** @description Body of resetTotp [C mfa.controller.ts resetTotp, `@Body('code')`]. */
        ResetTotpRequestDto: {
            /** @description Recovery code from generateRecoveryCode. */
            code: string;
        };
        /** @description Body of verifyMfa [D auth/post-auth-mfa-verify; C verify-2fa.request.dto.ts]. */
        Verify2faRequestDto: {
            method: components["schemas"]["MfaMethod"];
            /**
             * @description One-time code.
             * @example 123456
             */
            otp: string;
            /** @description Trust this device for future logins (newer docs). */
            trustDevice?: boolean;
            /** @description Older name of trustDevice (vendor OpenAPI 1.1.44). */
            rememberDevice?: boolean;
        };
        /** @description Full-access tokens after MFA (header mode) [C auth.response.dto.ts Verify2faWithTokensResponseDto]. */
        Verify2faResponseDto: {
            /** @description JWT access token (short-lived). */
            accessToken: string;
            /** @description JWT refresh token (long-lived). */
            refreshToken: string;
            /**
             * @description Success message.
             * @example 2FA verification successful
             */
            message: string;
            user?: components["schemas"]["UserResponseDto"];
        };
        /** @description Signed-in user [C auth.response.dto.ts UserResponseDto]. */
        UserResponseDto: {
            /** @description User id. */
            id: string;
            /** Format: email */
            email?: string;
            phone?: string;
            /** @description Email verification status. */
            isVerified: boolean;
            /** @description App-defined user metadata. */
            metadata?: {
                [key: string]: unknown;
            };
        };
    };
    responses: {
        /** @description Missing, invalid, or expired authentication [D]; or the token's user no longer exists [C]; or the user's account is locked (sandbox). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
        /** @description Unexpected server error. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponseDto"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
            401: components["responses"]["Unauthorized"];
            /** @description MFA cannot be toggled for this user. */
            403: {
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
            /** @description MFA is disabled at application level. */
            403: {
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
            /** @description Device removed (also for an id the user does not own or that does not exist). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            /** @description Path parameter failed validation. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMfaCodeRequestDto"];
            };
        };
        responses: {
            /** @description Code created and sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponseDto"];
                };
            };
            /** @description Invalid body, or the method is not available in this application. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
            /** @description Invalid body, or the code does not match the secret. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
    generateRecoveryCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new recovery code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodeResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
    resetTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
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
            /** @description Invalid body, or the recovery code is wrong or already used. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
    verifyMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Verify2faRequestDto"];
            };
        };
        responses: {
            /** @description Code accepted; full-access tokens issued (header token mode). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Verify2faResponseDto"];
                };
            };
            /** @description Invalid body, or the code is wrong or expired. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description MFA is disabled at application level. */
            403: {
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
}
