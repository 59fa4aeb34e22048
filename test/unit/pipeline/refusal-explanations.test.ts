import { describe, expect, it } from 'vitest';
import { isRefusal, MAX_EXPLAIN_HEADER_LENGTH, toExplainHeader, toSchemaExplanation } from '../../../src/pipeline/refusal-explanations.js';

describe('toExplainHeader', () => {
  it('is compact JSON in printable ASCII: non-ASCII and newlines are escaped', () => {
    const header = toExplainHeader({ rule: 'signature', message: 'Zoë signed', expected: 'GET\n/api/v3/get-mfa-status' });
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).toContain('Zo\\u00eb');
    expect(JSON.parse(header)).toEqual({ rule: 'signature', message: 'Zoë signed', expected: 'GET\n/api/v3/get-mfa-status' });
  });

  it('a longer explanation keeps its rule and message, marked truncated, and points at the session journal', () => {
    const header = toExplainHeader({ rule: 'signature', message: 'long', expected: 'x'.repeat(MAX_EXPLAIN_HEADER_LENGTH) }, 'qa 1');
    expect(header.length).toBeLessThanOrEqual(MAX_EXPLAIN_HEADER_LENGTH);
    expect(JSON.parse(header)).toEqual({ rule: 'signature', message: 'long', truncated: true, journal: '/__admin/sessions/qa%201/journal' });
  });
});

describe('isRefusal', () => {
  it('is an error status or a vendor envelope saying one with HTTP 200', () => {
    expect([isRefusal({ status: 401 }), isRefusal({ status: 200, body: { statusCode: 401 } }), isRefusal({ status: 200, body: { statusCode: 200 } })]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('toSchemaExplanation', () => {
  it('names the first problem with its pointer and keyword, and counts the others', () => {
    const explanation = toSchemaExplanation([
      {
        location: 'body',
        kind: 'unexpected',
        field: 'extra',
        message: 'extra is not an allowed field',
        keyword: 'additionalProperties',
        pointer: '/body/extra',
        expected: 'no such field',
      },
      { location: 'body', kind: 'missing', field: 'code', message: 'code is a required field', keyword: 'required', pointer: '/body/code' },
    ]);
    expect(explanation).toEqual({
      rule: 'request-schema',
      message: 'the request does not match the spec: extra is not an allowed field (and 1 more: code is a required field)',
      pointer: '/body/extra',
      keyword: 'additionalProperties',
      expected: 'no such field',
      wouldPass: 'leave out /body/extra',
    });
  });

  it('names a quoted literal where the schema wants a boolean or a number, and only then', () => {
    const typeProblem = (field: string, type: string) => ({
      location: 'body' as const,
      kind: 'invalid' as const,
      field,
      message: `${field} must be ${type}`,
      keyword: 'type',
      pointer: `/body/${field}`,
      expected: `must be ${type}`,
    });
    const body = { enforced: 'true', digits: ' 6 ', half: '0.5', word: 'yes', flag: true };
    const explain = (field: string, type: string) => toSchemaExplanation([typeProblem(field, type)], { body });
    expect(explain('enforced', 'boolean')).toMatchObject({
      received: '"true"',
      wouldPass: '/body/enforced: true, without quotes (a JSON boolean, not a string)',
    });
    expect(explain('digits', 'integer')).toMatchObject({ received: '" 6 "', wouldPass: '/body/digits: 6, without quotes (a JSON integer, not a string)' });
    expect(explain('half', 'number').wouldPass).toBe('/body/half: 0.5, without quotes (a JSON number, not a string)');
    // Text that is no such literal, a half where an integer is wanted, a value that is no string: the plain wording.
    for (const [field, type] of [
      ['word', 'boolean'],
      ['half', 'integer'],
      ['flag', 'string'],
    ]) {
      const explanation = explain(field!, type!);
      expect(explanation.received).toBeUndefined();
      expect(explanation.wouldPass).toBe(`/body/${field}: must be ${type}`);
    }
  });
});
