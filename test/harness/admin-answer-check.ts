import { dereference } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { createAnswerChecker, type Answer } from './openapi-answer-check.js';

/**
 * A checker of admin answers against the admin spec as the sandbox serves it (`/__admin/openapi.yaml`): the problems of
 * one answer of one operation, empty when it is valid.
 *
 * @example
 * const check = await createAdminAnswerCheck(app);
 * expect(check('getJournal', await app.inject({ url: '/__admin/sessions/qa/journal' }))).toEqual([]);
 */
export async function createAdminAnswerCheck(app: FastifyInstance): Promise<(operationId: string, answer: Answer) => string[]> {
  const source = (await app.inject({ url: '/__admin/openapi.yaml' })).body;
  const document = (await dereference(parse(source) as never)) as OpenApiDocument;
  return createAnswerChecker(document);
}
