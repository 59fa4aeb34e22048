/**
 * The message NestJS sends for a body its global ValidationPipe refuses, as the vendor's AuthExceptionFilter passes it
 * on: the first class-validator message only. The rules come from the spec's request schema (which mirrors the
 * library's DTOs); only the wording is class-validator's. Properties are checked in the schema's order, which is the
 * DTO's declaration order, and within a property in the order its decorators report:
 *
 * | schema of the property                   | DTO decorators                         | first message when refused                 |
 * |------------------------------------------|----------------------------------------|--------------------------------------------|
 * | `enum`                                   | `@IsEnum`                              | `X must be one of the following values: …` |
 * | required boolean                         | `@IsDefined() @IsBoolean()`            | missing/null: `X should not be null or undefined`; else `X must be a boolean value` |
 * | required string                          | `@IsString() @IsNotEmpty()`            | missing/null/'': `X should not be empty`; else `X must be a string` |
 * | optional string with maxLength           | `@IsOptional() @IsString() @MaxLength` | `X must be shorter than or equal to N characters` (for non-strings too) |
 * | optional string / boolean, `format: uuid`| `@IsOptional() @IsString()/@IsBoolean()/@IsUUID()` | `X must be a string` / `X must be a boolean value` / `X must be a UUID` |
 * | object                                   | `@IsObject()`                          | `X must be an object`                      |
 *
 * @example
 * firstClassValidatorMessage(toggleSchema, {}) // 'enabled should not be null or undefined'
 */

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  maxLength?: number;
  format?: string;
}

interface ObjectSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

const isMissing = (value: unknown) => value === undefined || value === null;

function messageFor(name: string, schema: PropertySchema, value: unknown, required: boolean): string | undefined {
  if (!required && isMissing(value)) return undefined; // @IsOptional skips null and undefined
  if (schema.enum) return schema.enum.includes(value) ? undefined : `${name} must be one of the following values: ${schema.enum.join(', ')}`;
  // An optional field's schema also admits null (`[string, "null"]`): its decorators are those of the other type.
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== 'null') : schema.type;
  switch (type) {
    case 'boolean':
      if (isMissing(value)) return `${name} should not be null or undefined`;
      return typeof value === 'boolean' ? undefined : `${name} must be a boolean value`;
    case 'string':
      if (required && (isMissing(value) || value === '')) return `${name} should not be empty`;
      if (schema.maxLength !== undefined && (typeof value !== 'string' || value.length > schema.maxLength)) {
        return `${name} must be shorter than or equal to ${schema.maxLength} characters`;
      }
      if (typeof value !== 'string') return `${name} must be a string`;
      if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return `${name} must be a UUID`;
      return undefined;
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : `${name} must be an object`;
    default:
      return undefined;
  }
}

/**
 * The first message class-validator gives for this body and the field it names, or undefined when it would accept it
 * (or the body is not an object).
 */
export function firstClassValidatorRefusal(schema: unknown, body: unknown): { field: string; message: string } | undefined {
  const { properties = {}, required = [] } = (schema ?? {}) as ObjectSchema;
  // No body, or an unreadable one the surface ignores, reaches the DTO as {} (Express leaves req.body empty).
  const fields = body === undefined ? {} : body;
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return undefined;
  for (const [name, property] of Object.entries(properties)) {
    const message = messageFor(name, property, (fields as Record<string, unknown>)[name], required.includes(name));
    if (message) return { field: name, message };
  }
  return undefined;
}

/** The first message class-validator gives for this body, or undefined when it would accept it (or the body is not an object). */
export function firstClassValidatorMessage(schema: unknown, body: unknown): string | undefined {
  return firstClassValidatorRefusal(schema, body)?.message;
}
