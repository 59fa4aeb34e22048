/** The slice of @pactflow/swagger-mock-validator's API the cross-check uses (the package ships no types). */
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidationFinding {
    code: string;
    message: string;
  }
  export interface ValidationOutcome {
    success: boolean;
    errors: ValidationFinding[];
    warnings: ValidationFinding[];
    failureReason?: string;
  }
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): { validate(options: { specPathOrUrl: string; mockPathOrUrl: string }): Promise<ValidationOutcome> };
  };
}
