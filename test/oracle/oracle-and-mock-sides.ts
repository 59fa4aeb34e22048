import type { RunningSandbox } from '../../src/index.js';
import type { NestAuthOracle, SignedUpUser } from './nest-auth-oracle.js';

/** One side of a step sent to the real nest-auth server and to the mock: where, who, and the last code sent. */
export interface Side {
  name: 'oracle' | 'mock';
  url: string;
  email: string;
  password: string;
  bearer: string;
  headers: Record<string, string>;
  code(): Promise<string>;
}

/** The mock's user of the shipped nest-auth scenarios, who stands for the user signed up on the real server. */
export const MOCK_ADA = { email: 'ada@example.com', password: 'sandbox-password', token: 'nest-auth-token-ada' };

/**
 * The two sides of one step: the real server's signed-up user, and Ada in the mock's `session`.
 *
 * @example
 * for (const side of toSides(oracle, user, sandbox, 'my-session')) answers.push(await send(side));
 */
export function toSides(oracle: NestAuthOracle, user: SignedUpUser, sandbox: RunningSandbox, session: string): Side[] {
  return [
    {
      name: 'oracle',
      url: oracle.url,
      email: user.email,
      password: user.password,
      bearer: user.accessToken,
      headers: {},
      code: () => oracle.lastCode(user.email),
    },
    {
      name: 'mock',
      url: sandbox.url,
      email: MOCK_ADA.email,
      password: MOCK_ADA.password,
      bearer: MOCK_ADA.token,
      headers: { 'x-mock-session': session },
      code: async () => sandbox.session(session).outbox().at(-1)!.code!,
    },
  ];
}
