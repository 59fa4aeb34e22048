import { describe, expect, it } from 'vitest';
import { misspeltSessionHeader } from '../../../src/pipeline/misspelt-session-header.js';

describe('misspeltSessionHeader', () => {
  it.each(['x-mock-sesion', 'x-mock-sessoin', 'x_mock_session', 'X-Mock-Sessions', 'x-mock-session-id', 'mock-session', 'x-session-id'])(
    '%s was meant as x-mock-session',
    (name) => {
      expect(misspeltSessionHeader({ accept: '*/*', [name]: 'qa-1' })).toBe(
        `${name.toLowerCase()} (did you mean x-mock-session? this request ran in the default session)`,
      );
    },
  );

  it.each(['x-mock-session', 'x-session-token', 'x-request-id', 'x-mock-scenario-x', 'cookie', 'authorization'])('%s is not', (name) => {
    expect(misspeltSessionHeader({ [name]: 'v' })).toBeUndefined();
  });
});
