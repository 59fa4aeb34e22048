import { describe, expect, it } from 'vitest';
import { defineHandlers, type TypedHandlers } from '../../../src/pipeline/typed-handlers.js';
import type { operations } from '../../../src/types/lerian.js';

// What typed handlers guarantee at compile time is tested in test/types/typed-handlers.test-d.ts (npm run typecheck).
describe('defineHandlers', () => {
  it('hands the handlers on as they are: typing adds no wrapper, so no cost per request', () => {
    const handlers = {
      getMfaStatus: (call) => call.respond(200),
      initiateMfaSetup: (call) => call.respond(200),
      verifyMfaPasscode: (call) => call.respond(200, 'verified'),
      enableMfa: (call) => call.reply(200, { enabled: true }),
      setPreferredMfaMethod: (call) => call.reply(200, { preferredType: call.body.mfaType }),
      disableMfa: (call) => call.reply(200, { enabled: false }),
    } satisfies TypedHandlers<operations>;
    const defined = defineHandlers<operations>()(handlers);
    expect(defined).toBe(handlers);
    expect(defined.enableMfa).toBe(handlers.enableMfa);
  });
});
