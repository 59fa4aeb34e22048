/**
 * Types of the genauth surface, generated from specs/genauth.openapi.yaml by openapi-typescript.
 * Do not edit: run `npm run generate:types`.
 */

export interface paths {
    "/api/v3/get-mfa-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get user MFA status
         * @description Returns the user's MFA trigger data (MFA token, bound phone/email, enabled factors).
         *     [D] seed 004 "Get user MFA status"; [C] genauth-node-sdk `ManagementClient.getUserMfaStatus` (GET /api/v3/get-mfa-status).
         */
        get: operations["getUserMfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/set-mfa-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set user MFA status
         * @description Writes the user's MFA trigger data (the same GetMfaInfoDataDto shape that get-mfa-status returns).
         *     [D] docs page "Set user MFA status" (setUsersMfaStatus); [C] genauth-node-sdk `ManagementClient.setUsersMfaStatus`, `src/models/SetMfaStatusDto.ts`.
         */
        post: operations["setUsersMfaStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/get-user-mfa-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get user MFA binding info
         * @description Returns whether the user has bound each MFA factor (TOTP, face, SMS, email).
         *     [C] genauth-node-sdk `ManagementClient.getUserMfaInfo` (GET /api/v3/get-user-mfa-info), `src/models/UserMfaSingleRespDto.ts`, `src/models/UserMfaRespDto.ts`.
         */
        get: operations["getUserMfaInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/get-mfa-trigger-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get MFA trigger data for a user in an application
         * @description Returns the MFA trigger data (MFA token, bound phone/email, the application's MFA factors) for a user signing in to one application.
         *     [C] genauth-node-sdk `ManagementClient.getMfaTriggerData` (GET /api/v3/get-mfa-trigger-data), `src/models/GetMapInfoRespDto.ts`.
         */
        get: operations["getMfaTriggerData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/update-application-mfa-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update application MFA settings
         * @description Enables and/or disables MFA factors for one application and returns the application's enabled factors.
         *     [C] genauth-node-sdk `ManagementClient.updateApplicationMfaSettings` (POST /api/v3/update-application-mfa-settings), `src/models/UpdateApplicationMfaSettingsDto.ts`, `src/models/MFASettingsRespDto.ts`.
         */
        post: operations["updateApplicationMfaSettings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/get-global-mfa-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get global MFA settings
         * @description Returns the MFA factors enabled for the whole user pool.
         *     [C] genauth-node-sdk `ManagementClient.getGlobalMfaSettings` (GET /api/v3/get-global-mfa-settings), `src/models/MFASettingsRespDto.ts`.
         */
        get: operations["getGlobalMfaSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/update-global-mfa-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update global MFA settings
         * @description Enables MFA factors for the whole user pool and returns the pool's enabled factors.
         *     [C] genauth-node-sdk `ManagementClient.updateGlobalMfaSettings` (POST /api/v3/update-global-mfa-settings), `src/models/MFASettingsDto.ts`.
         */
        post: operations["updateGlobalMfaSettings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v3/disable-global-mfa-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable global MFA factors
         * @description Disables MFA factors for the whole user pool and returns the factors still enabled.
         *     [C] genauth-node-sdk `ManagementClient.closeGlobalMfaSettings` (POST /api/v3/disable-global-mfa-settings), `src/models/MFADisableSettingsDto.ts`.
         */
        post: operations["closeGlobalMfaSettings"];
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
         * @description How to interpret `userId`: `user_id` (GenAuth user ID), `external_id` (externalId field), `phone`, `email`, `username`,
         *     `identity` (`<extIdpId>:<userIdInIdp>`), `sync_relation` (`<provider>:<userIdInIdp>`, e.g. `lark:ou_...`), `custom_field`.
         * @default user_id
         * @enum {string}
         */
        UserIdType: "user_id" | "external_id" | "phone" | "email" | "username" | "identity" | "sync_relation" | "custom_field";
        /**
         * @description MFA authentication factor.
         * @enum {string}
         */
        MfaFactor: "OTP" | "SMS" | "EMAIL" | "FACE";
        /**
         * @description Request ID (a UUID in the docs samples).
         * @example 934108e5-9fbf-4d24-8da1-c330328abd6c
         */
        RequestId: string;
        /** @description One MFA factor as configured on the application ([D] seed 004 ApplicationMfaDto). */
        ApplicationMfaDto: {
            /**
             * @description MFA type.
             * @enum {string}
             */
            mfaPolicy: "OTP" | "SMS" | "EMAIL" | "FACE";
            /**
             * @description Enabled status (1 = enabled, 0 = disabled).
             * @enum {integer}
             */
            status: 0 | 1;
            /** @description Sort order (ascending). */
            sort: number;
        };
        /** @description User MFA trigger data ([D] seed 004 "MfaTriggerData"; [C] GetMfaInfoDataDto). */
        GetMfaInfoDataDto: {
            /** @description MFA token (opaque). */
            mfaToken: string;
            /** @description MFA factors configured on the application. */
            applicationMfa: components["schemas"]["ApplicationMfaDto"][];
            /** @description Phone number bound to MFA. */
            mfaPhone?: string | null;
            /** @description Country code of the MFA phone, e.g. `+86`. */
            mfaPhoneCountryCode?: string | null;
            /** @description Email address bound to MFA. */
            mfaEmail?: string | null;
            /** @description User nickname. */
            nickname?: string | null;
            /** @description Username. */
            username?: string | null;
            /** @description User phone number. */
            phone?: string | null;
            /** @description Country code of the user's phone. */
            phoneCountryCode?: string | null;
            /** @description Face verification enabled. */
            faceMfaEnabled?: boolean;
            /** @description OTP (TOTP) verification enabled. */
            totpMfaEnabled?: boolean;
        };
        /** @description Request body of set-mfa-status ([C] SetMfaStatusDto). */
        SetMfaStatusDto: {
            mfaTriggerData: components["schemas"]["GetMfaInfoDataDto"];
            /** @description User unique identifier, interpreted per `userIdType`. */
            userId: string;
            userIdType?: components["schemas"]["UserIdType"];
        };
        IsSuccessDto: {
            /** @description Whether the operation succeeded. */
            success: boolean;
        };
        /** @description Whether each MFA factor is bound for the user ([C] UserMfaRespDto). */
        UserMfaRespDto: {
            totpStatus: components["schemas"]["BindingStatus"];
            faceMfaStatus: components["schemas"]["BindingStatus"];
            smsMfaStatus: components["schemas"]["BindingStatus"];
            emailMfaStatus: components["schemas"]["BindingStatus"];
        };
        /**
         * @description Whether the factor is bound.
         * @enum {string}
         */
        BindingStatus: "enabled" | "disabled";
        /** @description Enabled MFA factors ([C] MFASettingsDto). As a request body, the factors to enable. */
        MFASettingsDto: {
            /** @description Enabled MFA factors. */
            enabledFactors: components["schemas"]["MfaFactor"][];
        };
        /** @description Factors to disable ([C] MFADisableSettingsDto). */
        MFADisableSettingsDto: {
            /** @description MFA factors to disable. */
            disableFactors: components["schemas"]["MfaFactor"][];
        };
        /** @description Request body of update-application-mfa-settings ([C] UpdateApplicationMfaSettingsDto). */
        UpdateApplicationMfaSettingsDto: {
            /** @description Application ID. */
            appId: string;
            /** @description MFA factors to enable. */
            enabledFactors?: components["schemas"]["MfaFactor"][];
            /** @description MFA factors to disable. */
            disabledFactors?: components["schemas"]["MfaFactor"][];
        };
        /**
         * @description Business status code; 200 means success.
         * @constant
         */
        SuccessStatusCode: 200;
        /** @description Segmented error code ([D] seed 004 lists apiCode on GetMapInfoRespDto). */
        SuccessApiCode: number;
        /** @description Success envelope carrying GetMfaInfoDataDto ([D] seed 004; [C] GetMapInfoRespDto). */
        GetMapInfoRespDto: {
            statusCode: components["schemas"]["SuccessStatusCode"];
            /** @description Description. */
            message: string;
            apiCode?: components["schemas"]["SuccessApiCode"];
            requestId?: components["schemas"]["SuccessRequestId"];
            data: components["schemas"]["GetMfaInfoDataDto"];
        };
        /** @description Success envelope carrying IsSuccessDto ([C] IsSuccessRespDto). */
        IsSuccessRespDto: {
            statusCode: components["schemas"]["SuccessStatusCode"];
            /** @description Description. */
            message: string;
            apiCode?: components["schemas"]["SuccessApiCode"];
            requestId?: components["schemas"]["SuccessRequestId"];
            data: components["schemas"]["IsSuccessDto"];
        };
        /** @description Success envelope carrying UserMfaRespDto ([C] UserMfaSingleRespDto). */
        UserMfaSingleRespDto: {
            statusCode: components["schemas"]["SuccessStatusCode"];
            /** @description Description. */
            message: string;
            apiCode?: components["schemas"]["SuccessApiCode"];
            requestId?: components["schemas"]["SuccessRequestId"];
            data: components["schemas"]["UserMfaRespDto"];
        };
        /** @description Success envelope carrying MFASettingsDto ([C] MFASettingsRespDto). */
        MFASettingsRespDto: {
            statusCode: components["schemas"]["SuccessStatusCode"];
            /** @description Description. */
            message: string;
            apiCode?: components["schemas"]["SuccessApiCode"];
            requestId?: components["schemas"]["SuccessRequestId"];
            data: components["schemas"]["MFASettingsDto"];
        };
        SuccessRequestId: components["schemas"]["RequestId"];
        /** @description Failure envelope, sent with HTTP 200 ([D] error-code.md). `apiCode` refines the class given by `statusCode`. */
        ErrorEnvelope: {
            /**
             * @description Error class: 400 InvalidArgumentError, 401 UnauthorizedError, 402 PaymentNeededError, 403 ForbiddenError, 404 NotFoundError,
             *     409 ConflictError, 413 PayloadTooLargeError, 422 InvalidOperationError, 429 ThrottleError, 499 ClientError, 500 ServerError,
             *     501 UnsupportedOperationError, 502 BadGatewayError, 503 ServiceUnavailableError, 601 EndpointRequestError,
             *     602 EndpointResponseError, 603 CustomCodeError.
             * @enum {integer}
             */
            statusCode: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 499 | 500 | 501 | 502 | 503 | 601 | 602 | 603;
            /** @description Error description. */
            message: string;
            /** @description Segmented error code (see error-code.md), e.g. 1300-1306 signature errors, 2004 user not found, 2011 app not found. */
            apiCode?: number;
            requestId?: components["schemas"]["RequestId"];
        };
    };
    responses: never;
    parameters: {
        /**
         * @description User unique identifier; its meaning depends on `userIdType` (user ID, username, email, phone, external ID, identity-source ID).
         * @example 6229ffaxxxxxxxxcade3e3d9
         */
        UserIdQuery: string;
        /**
         * @description How to interpret `userId`. Default `user_id`.
         * @example user_id
         */
        UserIdTypeQuery: components["schemas"]["UserIdType"];
        /**
         * @description Application ID.
         * @example app-sandbox
         */
        AppIdQuery: string;
        /**
         * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
         * @example Sun, 23 Nov 2025 16:21:00 GMT
         */
        DateHeader: string;
        /**
         * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
         * @example Sun, 23 Nov 2025 16:21:00 GMT
         */
        BrowserDateHeader: string;
        /**
         * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
         * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
         */
        SignatureNonceHeader: string;
        /**
         * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
         * @example HMAC-SHA1
         */
        SignatureMethodHeader: string;
        /**
         * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
         * @example 1.0
         */
        SignatureVersionHeader: string;
        /**
         * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
         * @example 62b2ae2e0a6f3b3e1c7e4d9a
         */
        AppIdHeader: string;
        /**
         * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
         * @example zh-CN
         */
        LangHeader: string;
        /**
         * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
         * @example Sun, 23 Nov 2025 16:21:00 GMT
         */
        AuthingDateHeader: string;
        /**
         * @description The Authing flavour's `x-genauth-signature-nonce`.
         * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
         */
        AuthingSignatureNonceHeader: string;
        /**
         * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
         * @example HMAC-SHA1
         */
        AuthingSignatureMethodHeader: string;
        /**
         * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
         * @example 1.0
         */
        AuthingSignatureVersionHeader: string;
        /**
         * @description The Authing flavour's `x-genauth-app-id`.
         * @example 62b2ae2e0a6f3b3e1c7e4d9a
         */
        AuthingAppIdHeader: string;
        /**
         * @description The Authing flavour's `x-genauth-lang`.
         * @example zh-CN
         */
        AuthingLangHeader: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getUserMfaStatus: {
        parameters: {
            query: {
                /**
                 * @description User unique identifier; its meaning depends on `userIdType` (user ID, username, email, phone, external ID, identity-source ID).
                 * @example 6229ffaxxxxxxxxcade3e3d9
                 */
                userId: components["parameters"]["UserIdQuery"];
                /**
                 * @description How to interpret `userId`. Default `user_id`.
                 * @example user_id
                 */
                userIdType?: components["parameters"]["UserIdTypeQuery"];
            };
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Envelope with `statusCode` 200 and GetMfaInfoDataDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetMapInfoRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setUsersMfaStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description SetMfaStatusDto. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetMfaStatusDto"];
            };
        };
        responses: {
            /** @description Envelope with `statusCode` 200 and IsSuccessDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IsSuccessRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getUserMfaInfo: {
        parameters: {
            query: {
                /**
                 * @description User unique identifier; its meaning depends on `userIdType` (user ID, username, email, phone, external ID, identity-source ID).
                 * @example 6229ffaxxxxxxxxcade3e3d9
                 */
                userId: components["parameters"]["UserIdQuery"];
                /**
                 * @description How to interpret `userId`. Default `user_id`.
                 * @example user_id
                 */
                userIdType?: components["parameters"]["UserIdTypeQuery"];
            };
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Envelope with `statusCode` 200 and UserMfaRespDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserMfaSingleRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMfaTriggerData: {
        parameters: {
            query: {
                /**
                 * @description Application ID.
                 * @example app-sandbox
                 */
                appId: components["parameters"]["AppIdQuery"];
                /**
                 * @description User unique identifier; its meaning depends on `userIdType` (user ID, username, email, phone, external ID, identity-source ID).
                 * @example 6229ffaxxxxxxxxcade3e3d9
                 */
                userId: components["parameters"]["UserIdQuery"];
                /**
                 * @description How to interpret `userId`. Default `user_id`.
                 * @example user_id
                 */
                userIdType?: components["parameters"]["UserIdTypeQuery"];
            };
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Envelope with `statusCode` 200 and GetMfaInfoDataDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetMapInfoRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateApplicationMfaSettings: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description UpdateApplicationMfaSettingsDto. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateApplicationMfaSettingsDto"];
            };
        };
        responses: {
            /** @description Envelope with `statusCode` 200 and MFASettingsDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFASettingsRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getGlobalMfaSettings: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Envelope with `statusCode` 200 and MFASettingsDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFASettingsRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateGlobalMfaSettings: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description MFASettingsDto. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFASettingsDto"];
            };
        };
        responses: {
            /** @description Envelope with `statusCode` 200 and MFASettingsDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFASettingsRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    closeGlobalMfaSettings: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Request time, signed as part of canonicalHeaders. The SDK sends an RFC 7231 HTTP-date (`new Date().toUTCString()`).
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                date?: components["parameters"]["DateHeader"];
                /**
                 * @description Request time from a browser, which never sends `date` (a forbidden header name for fetch), signed like every x-genauth-* header; read when `date` is absent. Authing flavour `x-authing-date`.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-genauth-date"?: components["parameters"]["BrowserDateHeader"];
                /**
                 * @description Random nonce (md5 hex in the SDK), signed; a reused nonce is a replay (apiCode 1306). The Authing flavour sends `x-authing-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-genauth-signature-nonce"?: components["parameters"]["SignatureNonceHeader"];
                /**
                 * @description Signature algorithm; the server expects `HMAC-SHA1` (apiCode 1301 on mismatch). Authing flavour `x-authing-signature-method`.
                 * @example HMAC-SHA1
                 */
                "x-genauth-signature-method"?: components["parameters"]["SignatureMethodHeader"];
                /**
                 * @description Signature scheme version; the server expects `1.0` (apiCode 1302 on mismatch). Authing flavour `x-authing-signature-version`.
                 * @example 1.0
                 */
                "x-genauth-signature-version"?: components["parameters"]["SignatureVersionHeader"];
                /**
                 * @description Optional tenant ID (`tenantId` client option), signed when present. Authing flavour `x-authing-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-genauth-app-id"?: components["parameters"]["AppIdHeader"];
                /**
                 * @description Response language requested by the SDK (default `zh-CN`). Authing flavour `x-authing-lang`.
                 * @example zh-CN
                 */
                "x-genauth-lang"?: components["parameters"]["LangHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-date` (request time from a browser), read when `date` is absent under an `authing` Authorization.
                 * @example Sun, 23 Nov 2025 16:21:00 GMT
                 */
                "x-authing-date"?: components["parameters"]["AuthingDateHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-nonce`.
                 * @example 3f1c2a9b8e7d6c5b4a39281706f5e4d3
                 */
                "x-authing-signature-nonce"?: components["parameters"]["AuthingSignatureNonceHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-method` (`HMAC-SHA1`).
                 * @example HMAC-SHA1
                 */
                "x-authing-signature-method"?: components["parameters"]["AuthingSignatureMethodHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-signature-version` (`1.0`).
                 * @example 1.0
                 */
                "x-authing-signature-version"?: components["parameters"]["AuthingSignatureVersionHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-app-id`.
                 * @example 62b2ae2e0a6f3b3e1c7e4d9a
                 */
                "x-authing-app-id"?: components["parameters"]["AuthingAppIdHeader"];
                /**
                 * @description The Authing flavour's `x-genauth-lang`.
                 * @example zh-CN
                 */
                "x-authing-lang"?: components["parameters"]["AuthingLangHeader"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description MFADisableSettingsDto. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["MFADisableSettingsDto"];
            };
        };
        responses: {
            /** @description Envelope with `statusCode` 200 and MFASettingsDto, or an error envelope (HTTP is 200 in both cases). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MFASettingsRespDto"] | components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}

/** Response example names of each operation, by status (for typed handlers). */
export interface exampleNames {
  "getUserMfaStatus": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "userNotFound" | "userLocked" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "setUsersMfaStatus": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "userNotFound" | "userLocked" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "getUserMfaInfo": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "userNotFound" | "userLocked" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "getMfaTriggerData": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "userNotFound" | "userLocked" | "appNotFound" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "updateApplicationMfaSettings": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "appNotFound" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "getGlobalMfaSettings": {
    200: "success" | "invalidSignature" | "missingDate" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "updateGlobalMfaSettings": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
  "closeGlobalMfaSettings": {
    200: "success" | "invalidArgument" | "invalidSignature" | "missingDate" | "serverError" | "paymentNeeded" | "conflict" | "payloadTooLarge" | "invalidOperation" | "clientError" | "unsupportedOperation" | "badGateway" | "serviceUnavailable" | "endpointRequestFailed" | "endpointResponseError" | "customCodeError" | "throttled" | "signatureMethodMismatch" | "signatureVersionMismatch" | "badTimestamp" | "timestampSkew" | "signatureReplayed";
  };
}
