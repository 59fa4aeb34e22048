/**
 * Types of the flashback surface, generated from specs/flashback.openapi.yaml by openapi-typescript.
 * Do not edit: run `npm run generate:types`.
 */

export interface paths {
    "/mfa/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get MFA status
         * @description Current MFA status of the authenticated user: whether MFA is enabled, required, enforced by the
         *     organization, which methods are enabled and which one is primary.
         *     Sources: [D] get__mfa_status; [C] client.ts `getMFAStatus`, mfa.ts `MFAStatus`.
         */
        get: operations["getMFAStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get available MFA methods
         * @description All MFA methods with their availability and configuration status for the authenticated user.
         *     Sources: [D] get__mfa_methods; [C] client.ts `getAvailableMethods` (typed `APIResponse<MFAType[]>`, see decision on MFAMethodInfo).
         */
        get: operations["getAvailableMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set up an MFA method
         * @description Starts setup of an MFA method and returns its configuration data: a TOTP secret, QR code and backup
         *     codes for GOOGLE_AUTH, the target email for MAGIC_LINK, WebAuthn registration parameters for PASSKEY.
         *     Sources: [D] post_mfa_setup; [C] client.ts `setupMFA`, mfa.ts `MFASetupRequest`, `GoogleAuthSetupData`,
         *     `MagicLinkSetupData`, `PasskeySetupData`.
         */
        post: operations["setupMFA"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/verify-setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify MFA setup
         * @description Completes setup of a method: checks a TOTP code (or a backup code) for GOOGLE_AUTH, or a WebAuthn
         *     registration credential for PASSKEY, then enables the method.
         *     Sources: [D] post__mfa_verify-status (path /mfa/verify-setup); [C] client.ts `verifyMFASetup`,
         *     mfa.ts `MFAVerificationSetupRequest`.
         */
        post: operations["verifyMFASetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable an MFA method
         * @description Enables a previously configured MFA method for the authenticated user.
         *     Sources: [D] post__mfa_enabled (path /mfa/enable); [C] client.ts `enableMFA`, mfa.ts `MFAEnableRequest`.
         */
        post: operations["enableMFA"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable an MFA method
         * @description Disables an enabled MFA method. Refused while the organization enforces MFA.
         *     Sources: [D] post_mfa_disable; [C] client.ts `disableMFA` (sends `MFAEnableRequest`).
         */
        post: operations["disableMFA"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/primary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the primary MFA method
         * @description Makes an enabled method the user's primary MFA method.
         *     Sources: [D] post__mfa_primary; [C] client.ts `setPrimaryMFA`, mfa.ts `MFAPrimaryRequest`.
         */
        post: operations["setPrimaryMFA"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset MFA configuration
         * @description Resets the caller's MFA configuration, or another user's when `resetUserId` is given (OWNER or
         *     ADMINISTRATOR role required). The self-reset sample sends no body. Under the organization's enforcement MFA
         *     stays switched on (see `enable`).
         *     Sources: [D] post__mfa_reset; [C] client.ts `resetMFA`, mfa.ts `MFAResetRequest`.
         */
        post: operations["resetMFA"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/organization/enforce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enforce MFA for the organization
         * @description Turns organization-wide MFA enforcement on or off (admin only).
         *     Sources: [D] post__mfa_organization_enforce, index ("admin only"); [C] client.ts `enforceOrganizationMFA`,
         *     mfa.ts `MFAOrganizationEnforceRequest`.
         */
        post: operations["enforceOrganizationMFA"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/magic-link/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a magic link
         * @description Sends an MFA magic link to the email address of the authenticated user's account. No request body.
         *     Sources: [D] post__mfa_magic-link_send; [C] client.ts `sendMagicLink`.
         */
        post: operations["sendMagicLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/magic-link/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate magic-link MFA
         * @description Validates the magic-link token received by email and completes magic-link MFA setup. Called without a
         *     bearer token (the link is opened from the email).
         *     Sources: [D] post__mfa_magic-link_activate; [C] client.ts `activateMagicLink`, mfa.ts `MagicLinkActivationRequest`.
         */
        post: operations["activateMagicLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/passkey/auth-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate passkey authentication options
         * @description Creates a WebAuthn challenge and the request options needed to authenticate with a passkey. No request body.
         *     Sources: [D] post__passkey_auth-options; [C] client.ts `getPasskeyAuthOptions`, mfa.ts `PasskeyAuthenticationOptions`.
         */
        post: operations["getPasskeyAuthOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/passkey/complete-registration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete passkey registration
         * @description Validates the WebAuthn registration credential against the registration challenge and stores the passkey
         *     for the authenticated user.
         *     Sources: [D] post__mfa_passkey_complete-registration; [C] client.ts `completePasskeyRegistration`,
         *     mfa.ts `PasskeyCompleteRegistrationRequest`.
         */
        post: operations["completePasskeyRegistration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/passkey/complete-registration-1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete passkey registration (alternative endpoint)
         * @description Alternative endpoint with "the same functionality" as /mfa/passkey/complete-registration, "for specific
         *     client implementations or testing purposes". Not in the vendor client.
         *     Sources: [D] post__mfa_passkey_complete-registration-1.
         */
        post: operations["completePasskeyRegistrationAlt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/verify-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify MFA during login
         * @description Second login step: verifies a TOTP/backup code, a magic-link token or a passkey assertion and exchanges the
         *     caller's pre-MFA token for a full-access token and a refresh token. Not in the docs; the route, body and
         *     200 shape come from the vendor client only.
         *     Sources: [C] client.ts `verifyMFALogin`, mfa.ts `MFAVerificationRequest`, `MFAVerificationLoginResponse`.
         */
        post: operations["verifyMFALogin"];
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
         * @description MFA method. GOOGLE_AUTH = Google Authenticator TOTP; MAGIC_LINK = magic link email verification; PASSKEY = WebAuthn passkey authentication.
         * @enum {string}
         */
        MFAType: "GOOGLE_AUTH" | "MAGIC_LINK" | "PASSKEY";
        /** @description Every Flashback error body ([D] all non-200 examples). */
        ErrorResponse: {
            /** @constant */
            success: false;
            /** @description Human-readable error message (no machine-readable codes exist). */
            error: string;
        };
        /** @description Success body carrying only a message ([D] all action endpoints). */
        MessageResponse: {
            /** @constant */
            success: true;
            message: string;
        };
        /** @description MFA status of the authenticated user ([D] get__mfa_status; [C] mfa.ts `MFAStatus`). */
        MFAStatus: {
            /** @description Whether MFA is enabled for the user. */
            isEnabled: boolean;
            /** @description Whether MFA is required for the user. */
            isRequired: boolean;
            /** @description Whether MFA is enforced by the organization. */
            isEnforced: boolean;
            /** @description Enabled MFA methods. */
            enabledMethods: components["schemas"]["MFAType"][];
            /** @description The user's primary MFA method. */
            primaryMethod?: components["schemas"]["MFAType"];
            /** @description True when the current token is a full-access (post-MFA) token. */
            sessionVerified?: boolean;
        };
        MFAStatusResponse: {
            /** @constant */
            success: true;
            data: components["schemas"]["MFAStatus"];
        };
        /** @description One MFA method and its state for the user ([D] get__mfa_methods). */
        MFAMethodInfo: {
            type: components["schemas"]["MFAType"];
            /** @description Human-readable method name. */
            name: string;
            /** @description Description of the method. */
            description: string;
            /** @description Whether the method is available for setup. */
            isAvailable: boolean;
            /** @description Whether the method is configured for the user. */
            isConfigured: boolean;
            /** @description Whether the method is currently enabled. */
            isEnabled: boolean;
        };
        MFAMethodsResponse: {
            /** @constant */
            success: true;
            data: components["schemas"]["MFAMethodInfo"][];
        };
        /** @description GOOGLE_AUTH setup data ([D] post_mfa_setup example; [C] mfa.ts `GoogleAuthSetupData`). */
        GoogleAuthSetupData: {
            /** @description Base32 TOTP secret. */
            secret: string;
            /** @description QR code as a PNG data URL of the otpauth:// key URI. */
            qrCode: string;
            /** @description One-time backup codes, usable instead of a TOTP code. */
            backupCodes: string[];
            /** @description Sandbox only (Flashback does not send it): the otpauth:// key URI encoded in the QR code. An app reads `secret` or shows `qrCode`. */
            otpauthUrl?: string;
        };
        /** @description MAGIC_LINK setup data ([C] mfa.ts `MagicLinkSetupData`). */
        MagicLinkSetupData: {
            /**
             * Format: email
             * @description The address given in the setup request, echoed (a setup without one is the 400 "Email is required for magic link setup").
             */
            email: string;
            /** @description Whether the address must still be confirmed through /mfa/magic-link/activate. */
            verificationRequired: boolean;
        };
        /** @description PASSKEY setup data, the WebAuthn registration parameters ([C] mfa.ts `PasskeySetupData`). */
        PasskeySetupData: {
            challenge: components["schemas"]["Base64String"];
            /** @description Relying party display name. */
            rpName: string;
            /** @description User name shown by the authenticator. */
            userName: string;
            /** @description Relying party ID (a domain). */
            rpID?: string;
            /**
             * Format: uri
             * @description Expected origin of the registration ceremony.
             */
            origin?: string;
            /** @description WebAuthn user handle (base64url). */
            userId?: string;
        };
        MFASetupResponse: {
            /** @constant */
            success: true;
            /** @description Setup data for the requested mfaType. */
            data: components["schemas"]["GoogleAuthSetupData"] | components["schemas"]["MagicLinkSetupData"] | components["schemas"]["PasskeySetupData"];
        };
        /** @description Base64url (WebAuthn JSON) or standard base64 string. */
        Base64String: string;
        /** @description Device information sent with passkey setup ([D] post_mfa_setup; [C] device.ts `DeviceInfo`). */
        DeviceInfo: {
            /** @description Device name (docs shape). */
            name?: string;
            /** @description Device kind, e.g. mobile (docs shape). */
            type?: string;
            userAgent?: string;
            ipAddress?: string;
            /** @enum {string} */
            deviceType?: "DESKTOP" | "MOBILE" | "TABLET";
            os?: string;
            browser?: string;
            screenResolution?: string;
            timezone?: string;
            language?: string;
            platform?: string;
            hardwareConcurrency?: number;
            deviceMemory?: number;
        };
        /** @description WebAuthn registration credential, JSON-encoded ([D] complete-registration example; [C] mfa.ts `PasskeyRegistrationCredential`). */
        PasskeyRegistrationCredential: {
            id: components["schemas"]["Base64String"];
            rawId: components["schemas"]["Base64String"];
            response: {
                clientDataJSON: components["schemas"]["Base64String"];
                attestationObject: components["schemas"]["Base64String"];
                clientExtensionResults?: Record<string, never>;
                transports?: components["schemas"]["AuthenticatorTransport"][];
            };
            /** @constant */
            type: "public-key";
            clientExtensionResults?: Record<string, never>;
            /** @enum {string} */
            authenticatorAttachment?: "platform" | "cross-platform";
        };
        /** @description WebAuthn authentication assertion, JSON-encoded ([C] mfa.ts `PasskeyAuthenticationCredential`). */
        PasskeyAuthenticationCredential: {
            id: components["schemas"]["Base64String"];
            rawId: components["schemas"]["Base64String"];
            response: {
                clientDataJSON: components["schemas"]["Base64String"];
                authenticatorData: components["schemas"]["Base64String"];
                signature: components["schemas"]["Base64String"];
                userHandle?: components["schemas"]["Base64String"];
            };
            /** @constant */
            type: "public-key";
        };
        /** @enum {string} */
        AuthenticatorTransport: "ble" | "hybrid" | "internal" | "nfc" | "usb";
        /** @description WebAuthn request options ([D] post__passkey_auth-options; [C] mfa.ts `PasskeyAuthenticationOptions`). */
        PasskeyAuthOptions: {
            challenge: components["schemas"]["Base64String"];
            /** @description Relying party identifier. */
            rpId: string;
            /** @enum {string} */
            userVerification: "required" | "preferred" | "discouraged";
            /** @description Challenge timeout in milliseconds. */
            timeout: number;
            /** @description Credentials the user may authenticate with ([C] only). */
            allowCredentials?: {
                id: components["schemas"]["Base64String"];
                /** @constant */
                type?: "public-key";
                transports?: components["schemas"]["AuthenticatorTransport"][];
            }[];
        };
        PasskeyAuthOptionsResponse: {
            /** @constant */
            success: true;
            data: components["schemas"]["PasskeyAuthOptions"];
        };
        /** @description Tokens issued after MFA login ([C] mfa.ts `MFAVerificationLoginResponse`). */
        MFALoginResponse: {
            /** @constant */
            success: true;
            message: string;
            /** @description Full-access (post-MFA) bearer token. */
            fullAccessToken: string;
            refreshToken: string;
        };
        /** @description Body of POST /mfa/setup ([D] post_mfa_setup; [C] mfa.ts `MFASetupRequest`). */
        MFASetupRequest: {
            mfaType: components["schemas"]["MFAType"];
            /**
             * Format: email
             * @description Email address (required for magic links).
             */
            email?: string;
            deviceInfo?: components["schemas"]["DeviceInfo"];
        };
        /** @description Body of POST /mfa/verify-setup ([D] post__mfa_verify-status; [C] mfa.ts `MFAVerificationSetupRequest`). */
        MFAVerificationSetupRequest: {
            mfaType: components["schemas"]["MFAType"];
            /** @description TOTP code or backup code (GOOGLE_AUTH). */
            code?: string;
            credential?: components["schemas"]["PasskeyRegistrationCredential"];
        };
        /** @description Body of /mfa/enable, /mfa/disable and /mfa/primary ([D]; [C] mfa.ts `MFAEnableRequest`, `MFAPrimaryRequest`). */
        MFATypeRequest: {
            mfaType: components["schemas"]["MFAType"];
        };
        /** @description Optional body of POST /mfa/reset ([D] post__mfa_reset; [C] mfa.ts `MFAResetRequest`). */
        MFAResetRequest: {
            /** @description User whose MFA to reset; omitted = the caller. Another user requires the OWNER or ADMINISTRATOR role. */
            resetUserId?: string;
            /** @description Keep MFA switched on after the reset ([C] only). */
            enable?: boolean;
        };
        /** @description Body of POST /mfa/organization/enforce ([D]; [C] mfa.ts `MFAOrganizationEnforceRequest`). */
        MFAOrganizationEnforceRequest: {
            /** @description Whether MFA is enforced for the organization. */
            enforced: boolean;
        };
        /** @description Body of POST /mfa/magic-link/activate ([D]; [C] mfa.ts `MagicLinkActivationRequest`). */
        MagicLinkActivationRequest: {
            /** @description Magic-link token received by email. */
            token: string;
        };
        /** @description Body of POST /mfa/passkey/complete-registration(-1) ([D]; [C] mfa.ts `PasskeyCompleteRegistrationRequest`). */
        PasskeyCompleteRegistrationRequest: {
            credential: components["schemas"]["PasskeyRegistrationCredential"];
            challenge: components["schemas"]["Base64String"];
        };
        /** @description Body of POST /mfa/verify-login ([C] mfa.ts `MFAVerificationRequest`). */
        MFAVerificationRequest: {
            mfaType: components["schemas"]["MFAType"];
            /** @description TOTP code or backup code (GOOGLE_AUTH). */
            code?: string;
            /** @description Magic-link token (MAGIC_LINK). */
            token?: string;
            credential?: components["schemas"]["PasskeyAuthenticationCredential"];
            sessionId?: string;
            ipAddress?: string;
            userAgent?: string;
        };
    };
    responses: {
        /** @description The caller's account is locked (set by QA through the sandbox admin API) */
        AccountLocked: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
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
    getMFAStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MFA status retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAStatusResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getAvailableMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MFA methods retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAMethodsResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    setupMFA: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFASetupRequest"];
            };
        };
        responses: {
            /** @description MFA setup initiated successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFASetupResponse"];
                };
            };
            /** @description Invalid request parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    verifyMFASetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFAVerificationSetupRequest"];
            };
        };
        responses: {
            /** @description MFA setup verified successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Verification failed or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    enableMFA: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFATypeRequest"];
            };
        };
        responses: {
            /** @description MFA method enabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Method not configured or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    disableMFA: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFATypeRequest"];
            };
        };
        responses: {
            /** @description MFA method disabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Method not enabled or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MFA is enforced by the organization, or the caller's account is locked */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    setPrimaryMFA: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFATypeRequest"];
            };
        };
        responses: {
            /** @description Primary MFA method updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Method not enabled or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    resetMFA: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MFAResetRequest"];
            };
        };
        responses: {
            /** @description MFA reset completed successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Insufficient permissions to reset another user's MFA, or the caller's account is locked */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    enforceOrganizationMFA: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFAOrganizationEnforceRequest"];
            };
        };
        responses: {
            /** @description MFA enforcement updated successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Caller has no organization, or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Caller is not an organization OWNER or ADMINISTRATOR, or the caller's account is locked */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    sendMagicLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Magic link sent successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    activateMagicLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MagicLinkActivationRequest"];
            };
        };
        responses: {
            /** @description Magic link MFA activated successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid or expired token, or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description User not found or inactive */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getPasskeyAuthOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Authentication options generated successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyAuthOptionsResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    completePasskeyRegistration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasskeyCompleteRegistrationRequest"];
            };
        };
        responses: {
            /** @description Passkey registration completed successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Registration failed or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    completePasskeyRegistrationAlt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasskeyCompleteRegistrationRequest"];
            };
        };
        responses: {
            /** @description Passkey registration completed successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Registration failed or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    verifyMFALogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFAVerificationRequest"];
            };
        };
        responses: {
            /** @description MFA verified; full-access tokens issued */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFALoginResponse"];
                };
            };
            /** @description Verification failed or invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            403: components["responses"]["AccountLocked"];
            /** @description Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}

/** Response example names of each operation, by status (for typed handlers). */
export interface exampleNames {
  "getMFAStatus": {
    200: "documented" | "notEnabled" | "enforcedAndVerified";
    401: "unauthorized";
    403: "accountLocked";
    500: "getStatusError";
  };
  "getAvailableMethods": {
    200: "documented" | "nothingConfigured";
    401: "unauthorized";
    403: "accountLocked";
    500: "getMethodsError";
  };
  "setupMFA": {
    200: "googleAuth" | "magicLink" | "passkey";
    400: "invalidMfaType" | "emailRequired";
    401: "unauthorized";
    403: "accountLocked";
    500: "setupError";
  };
  "verifyMFASetup": {
    200: "verified";
    400: "setupVerificationFailed" | "invalidMfaType";
    401: "unauthorized";
    403: "accountLocked";
    500: "verifySetupError";
  };
  "enableMFA": {
    200: "enabled";
    400: "methodNotConfigured" | "invalidMfaType";
    401: "unauthorized";
    403: "accountLocked";
    500: "enableError";
  };
  "disableMFA": {
    200: "disabled";
    400: "methodNotEnabled" | "invalidMfaType";
    401: "unauthorized";
    403: "enforcedByOrganization" | "accountLocked";
    500: "disableError";
  };
  "setPrimaryMFA": {
    200: "updated";
    400: "methodNotEnabled" | "invalidMfaType";
    401: "unauthorized";
    403: "accountLocked";
    500: "setPrimaryError";
  };
  "resetMFA": {
    200: "reset";
    400: "resetUserIdInvalid" | "enableInvalid";
    401: "unauthorized";
    403: "resetForbidden" | "accountLocked";
    404: "userNotFound";
    500: "resetError";
  };
  "enforceOrganizationMFA": {
    200: "enabled" | "disabled";
    400: "noOrganization" | "enforcedRequired";
    401: "unauthorized";
    403: "enforceForbidden" | "accountLocked";
    500: "enforceError";
  };
  "sendMagicLink": {
    200: "sent";
    401: "unauthorized";
    403: "accountLocked";
    404: "userNotFound";
    500: "sendMagicLinkError";
  };
  "activateMagicLink": {
    200: "activated";
    400: "invalidOrExpiredToken" | "tokenRequired";
    403: "accountLocked";
    404: "userNotFoundOrInactive";
    500: "activateMagicLinkError";
  };
  "getPasskeyAuthOptions": {
    200: "documented" | "withAllowCredentials";
    401: "unauthorized";
    403: "accountLocked";
    500: "authOptionsError";
  };
  "completePasskeyRegistration": {
    200: "completed";
    400: "passkeyRegistrationFailed" | "credentialRequired";
    401: "unauthorized";
    403: "accountLocked";
    500: "passkeyRegistrationError";
  };
  "completePasskeyRegistrationAlt": {
    200: "completed";
    400: "passkeyRegistrationFailed" | "credentialRequired";
    401: "unauthorized";
    403: "accountLocked";
    500: "passkeyRegistrationError";
  };
  "verifyMFALogin": {
    200: "verified";
    400: "mfaVerificationFailed" | "invalidMfaType";
    401: "unauthorized";
    403: "accountLocked";
    500: "verifyLoginError";
  };
}
