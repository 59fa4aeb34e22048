import Fastify from 'fastify';

/**
 * The benchmark's yardstick: the cheapest Fastify server that answers the same URL with a body of the same shape as
 * mfa-sandbox's `GET /flashback/mfa/status` in the mfa-enabled scenario. No logging, no validation, no state.
 * Usage: node --import tsx bench/baseline-server.ts <port>
 */
const MFA_STATUS = {
  success: true,
  data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], primaryMethod: 'GOOGLE_AUTH' },
};

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
app.get('/flashback/mfa/status', async () => MFA_STATUS);
await app.listen({ port, host: '127.0.0.1' });

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
