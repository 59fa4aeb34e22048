/**
 * Types of the lerian surface, generated from specs/lerian.openapi.yaml by openapi-typescript.
 * Do not edit: run `npm run generate:types`.
 */

export interface paths {
    "/v1/users/{id}/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * Get MFA Status
         * @description Use this endpoint to retrieve the current MFA configuration and status for a user. Source: [D] https://docs.lerian.studio/en/reference/access-manager/get-mfa-status (OpenAPI 2.4.4).
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
    "/v1/users/{id}/mfa/setup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Initiate MFA Setup
         * @description Starts enrolment of an MFA method for the user and returns one-time recovery codes; for `app` it also returns the TOTP secret and the `otpauth://` URL for a QR code. The method stays disabled (`enabled: false`) until it is verified and enabled. Source: [D] https://docs.lerian.studio/en/reference/access-manager/initiate-mfa-setup (OpenAPI 2.4.2).
         */
        post: operations["initiateMfaSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify MFA Passcode
         * @description Checks a passcode for a method whose setup was initiated. Must be called after setup and before enable. Source: [D] https://docs.lerian.studio/en/reference/access-manager/verify-mfa-passcode (OpenAPI 2.4.4).
         */
        post: operations["verifyMfaPasscode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/mfa/enable": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable MFA
         * @description Enables a verified MFA method for the user; requires a valid recovery code obtained during setup. Source: [D] https://docs.lerian.studio/en/reference/access-manager/enable-mfa (OpenAPI 2.4.2).
         */
        post: operations["enableMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/mfa/preferred": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Set Preferred MFA Method
         * @description Sets which enabled MFA method the user is challenged with by default. Source: [D] https://docs.lerian.studio/en/reference/access-manager/set-preferred-mfa-method.
         */
        patch: operations["setPreferredMfaMethod"];
        trace?: never;
    };
    "/v1/users/{id}/mfa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable MFA
         * @description Disables an enabled MFA method for the user. Not documented as a route: the Identity overview [D] only says MFA can be disabled.
         */
        post: operations["disableMfa"];
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
         * @description An MFA method.
         * @enum {string}
         */
        MfaType: "app" | "email" | "sms";
        /** @description The response message error. */
        ErrorMessage: {
            /** @description A unique, stable identifier for the error. */
            code: string;
            /** @description A brief summary of the issue. */
            title: string;
            /** @description Detailed guidance for resolving the error. */
            message: string;
            /** @description Per-field validation messages, keyed by field name. */
            fields?: {
                [key: string]: string;
            };
        };
        /** @description The current MFA configuration and status for a user. */
        MFAStatusResponse: {
            /** @description Indicates whether MFA is enabled for the user. */
            enabled: boolean;
            /** @description The user's preferred MFA method. */
            preferredType?: components["schemas"]["MfaType"];
            /** @description List of MFA methods currently enabled for the user. */
            methods: components["schemas"]["MfaType"][];
            /** @description Indicates whether app-based TOTP MFA is enabled. */
            totpEnabled: boolean;
            /** @description Indicates whether email-based MFA is enabled. */
            emailEnabled: boolean;
            /** @description Indicates whether SMS-based MFA is enabled. */
            smsEnabled: boolean;
        };
        /** @description Request body to initiate MFA setup. */
        MFASetupInput: {
            /** @description The MFA method to set up. */
            mfaType: components["schemas"]["MfaType"];
        };
        /** @description Result of initiating MFA setup. */
        MFASetupResponse: {
            /** @description TOTP secret (Base32) for the authenticator app. */
            secret?: string;
            /**
             * Format: uri
             * @description OTP Auth URL for QR code generation (TOTP only).
             */
            url?: string;
            /** @description One-time recovery codes; one of them is needed to enable the method. */
            recoveryCodes: string[];
            /** @description The MFA method being set up. */
            mfaType: components["schemas"]["MfaType"];
            /** @description Whether the method is enabled: false for a first setup, until it is verified and enabled; true for a method in use, which stays enabled while its new setup is pending. */
            enabled: boolean;
        };
        /** @description Request body to verify an MFA passcode. */
        MFAVerifyInput: {
            /** @description The one-time passcode from the authenticator app, email or SMS. */
            passcode: string;
            /** @description The MFA method the passcode belongs to. */
            mfaType: components["schemas"]["MfaType"];
            /** @description The TOTP secret returned by setup; required for app-based MFA. */
            secret?: string;
            /** @description Country of the SMS phone number, ISO 3166-1 alpha-2 (e.g. "BR", "US"). Not a dial prefix. */
            countryCode?: string;
        };
        /** @description Result of a passcode verification. */
        MFAVerifyResponse: {
            /** @description Whether the passcode was valid. */
            verified: boolean;
        };
        /** @description Request body to enable a verified MFA method. */
        MFAEnableInput: {
            /** @description A valid recovery code obtained during MFA setup. */
            recoveryCode: string;
            /** @description The MFA method to enable. */
            mfaType: components["schemas"]["MfaType"];
            /** @description The TOTP secret returned by setup; required for app-based MFA. */
            secret?: string;
        };
        /** @description Whether the MFA method is enabled after the call. */
        MFAEnableResponse: {
            /** @description Whether the MFA method is now enabled. */
            enabled: boolean;
        };
        /** @description Request body to set the preferred MFA method. */
        MFAPreferredInput: {
            /** @description The MFA method to prefer. */
            mfaType: components["schemas"]["MfaType"];
            /** @description The TOTP secret; required for app-based MFA. */
            secret?: string;
        };
        /** @description The preferred MFA method after the update. */
        MFAPreferredResponse: {
            /** @description The user's preferred MFA method. */
            preferredType: components["schemas"]["MfaType"];
        };
        /** @description Request body to disable an MFA method (undocumented route). */
        MFADisableInput: {
            /** @description The MFA method to disable. */
            mfaType: components["schemas"]["MfaType"];
        };
    };
    responses: {
        /** @description Missing, invalid or expired bearer token. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /** @description The user addressed by the path is locked (set by QA through the sandbox admin API). */
        UserLocked: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /** @description The user does not exist. */
        UserNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
        /** @description Unexpected server error. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorMessage"];
            };
        };
    };
    parameters: {
        /**
         * @description The unique identifier of the user.
         * @example 019c96a0-0c21-71f9-a487-66a1258278a1
         */
        UserId: string;
    };
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
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description MFA status and configuration for the user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAStatusResponse"];
                };
            };
            /** @description Invalid path parameter or malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserLocked"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    initiateMfaSetup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFASetupInput"];
            };
        };
        responses: {
            /** @description MFA setup initiated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFASetupResponse"];
                };
            };
            /** @description Missing or invalid fields, invalid path parameter, malformed request, or an SMS setup for a user without a phone number. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserLocked"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    verifyMfaPasscode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFAVerifyInput"];
            };
        };
        responses: {
            /** @description Verification result. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAVerifyResponse"];
                };
            };
            /** @description Missing or invalid fields, no pending setup, invalid path parameter or malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserLocked"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    enableMfa: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFAEnableInput"];
            };
        };
        responses: {
            /** @description MFA method enabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAEnableResponse"];
                };
            };
            /** @description Missing or invalid fields, no pending setup, invalid recovery code, method not verified, invalid path parameter or malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserLocked"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    setPreferredMfaMethod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFAPreferredInput"];
            };
        };
        responses: {
            /** @description Preferred MFA method updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAPreferredResponse"];
                };
            };
            /** @description Missing or invalid fields, method not enabled, invalid path parameter or malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserLocked"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    disableMfa: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the user.
                 * @example 019c96a0-0c21-71f9-a487-66a1258278a1
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFADisableInput"];
            };
        };
        responses: {
            /** @description MFA method disabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFAEnableResponse"];
                };
            };
            /** @description Missing or invalid fields, method not enabled, invalid path parameter or malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserLocked"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
}

/** Response example names of each operation, by status (for typed handlers). */
export interface exampleNames {
  "getMfaStatus": {
    200: "documented" | "notEnrolled" | "multipleMethods";
    400: "Error0003" | "Error0007";
    401: "Error0008";
    403: "Error1015";
    404: "Error1003";
    500: "Error0006";
  };
  "initiateMfaSetup": {
    200: "app" | "email";
    400: "Error0001" | "Error0003" | "Error0007" | "Error1016";
    401: "Error0008";
    403: "Error1015";
    404: "Error1003";
    500: "Error0006";
  };
  "verifyMfaPasscode": {
    200: "verified" | "rejected";
    400: "Error0001" | "Error0003" | "Error0007" | "Error1011";
    401: "Error0008";
    403: "Error1015";
    404: "Error1003";
    500: "Error0006";
  };
  "enableMfa": {
    200: "enabled";
    400: "Error0001" | "Error0003" | "Error0007" | "Error1011" | "Error1012" | "Error1013";
    401: "Error0008";
    403: "Error1015";
    404: "Error1003";
    500: "Error0006";
  };
  "setPreferredMfaMethod": {
    200: "app" | "email";
    400: "Error0001" | "Error0003" | "Error0007" | "Error1014";
    401: "Error0008";
    403: "Error1015";
    404: "Error1003";
    500: "Error0006";
  };
  "disableMfa": {
    200: "disabled";
    400: "Error0001" | "Error0003" | "Error0007" | "Error1014";
    401: "Error0008";
    403: "Error1015";
    404: "Error1003";
    500: "Error0006";
  };
}
