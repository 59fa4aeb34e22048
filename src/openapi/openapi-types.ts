/** The slice of OpenAPI 3.1 (after dereferencing) the sandbox reads. Loose on purpose: the validator checks the rest. */
export type JsonSchema = Record<string, unknown>;

export interface ExampleObject {
  summary?: string;
  value?: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  examples?: Record<string, ExampleObject>;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaTypeObject> };
  responses?: Record<string, ResponseObject>;
  [extension: `x-${string}`]: unknown;
}

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; 'x-sandbox-surface'?: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string; variables?: Record<string, { default: string; enum?: string[]; description?: string }> }>;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, PathItemObject>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
