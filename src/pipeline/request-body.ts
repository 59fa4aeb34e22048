import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

/** A body that arrived but is not usable JSON; validation turns it into the vendor's "malformed request" error. */
export class UnreadableBody {
  constructor(
    readonly reason: string,
    /** `malformed`: JSON that does not parse; `unsupported`: a content type the surface does not read. */
    readonly kind: 'malformed' | 'unsupported' = 'malformed',
  ) {}
}

/** A parsed JSON body with the text it came from, which the journal keeps instead of copying the value. */
export class ReceivedJson {
  constructor(
    readonly value: unknown,
    readonly text: string,
  ) {}
}

/**
 * Replace Fastify's body parsers in one surface's scope, so a broken body becomes the vendor's error, not Fastify's:
 * `request.body` is then a ReceivedJson, an UnreadableBody, or undefined for an empty body.
 * secure-json-parse refuses __proto__/constructor.prototype keys, which would otherwise poison merged objects.
 */
export function useVendorBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, undefined);
    try {
      done(null, new ReceivedJson(secureJson.parse(text as string, undefined, { protoAction: 'error', constructorAction: 'error' }), text as string));
    } catch (error) {
      done(null, new UnreadableBody(`malformed JSON body (${(error as Error).message})`));
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, _text, done) => {
    done(null, new UnreadableBody(`unsupported content type "${request.headers['content-type'] ?? ''}"; send application/json`, 'unsupported'));
  });
}
