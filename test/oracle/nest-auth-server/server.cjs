'use strict';
/**
 * The REAL published @ackplus/nest-auth 2.11.1, in a minimal NestJS 11 app, as a differential oracle for the mock's
 * nest-auth surface. Started by ../nest-auth-oracle.ts with child_process.fork(): it listens on a random loopback port
 * and talks to its parent over the IPC channel only.
 *
 * Why plain CommonJS and no decorators: the library ships compiled with its own `design:paramtypes` metadata, so its
 * controllers and services resolve through Nest's DI unchanged. The only module this app declares (AppModule) has no
 * constructor parameters, so `Module({...})(class {})` (a decorator applied as a function) is all it needs: no tsc
 * step, and no esbuild, whose missing emitDecoratorMetadata would break DI for any injected class written here.
 *
 * IPC: the parent sends `{ id, command, args }`; the child answers `{ id, ok, result | error }`. On start it sends
 * `{ type: 'ready', url, startupMs }` (or `{ type: 'failed', error }`).
 */
const startedAt = Date.now();
require('reflect-metadata');
const { Module, ValidationPipe, Logger } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { TypeOrmModule } = require('@nestjs/typeorm');
const { EventEmitterModule, EventEmitter2 } = require('@nestjs/event-emitter');
const { NestAuthModule, NestAuthEntities, NestAuthEvents, AuthConfigService, AuthExceptionFilter } = require('@ackplus/nest-auth');
const { DataSource } = require('typeorm');

const options = JSON.parse(process.env.NEST_AUTH_ORACLE_OPTIONS || '{}');

/** The mock's default scenario: MFA on, email + TOTP offered, users may toggle and choose. */
const MFA = {
  enabled: true,
  methods: ['email', 'totp'],
  allowUserToggle: true,
  allowMethodSelection: true,
  required: false,
  ...(options.mfa || {}),
};

class AppModule {}
Module({
  imports: [
    EventEmitterModule.forRoot(),
    TypeOrmModule.forRoot({
      type: 'sqljs',
      autoSave: false,
      entities: [...NestAuthEntities],
      synchronize: true,
      logging: false,
    }),
    TypeOrmModule.forFeature([...NestAuthEntities]),
    NestAuthModule.forRoot({
      // Unset unless asked for: the library's own default (`Nest Auth`) is what a deployment without one answers.
      ...(options.appName ? { appName: options.appName } : {}),
      session: { jwt: { secret: 'oracle-only-jwt-secret-not-a-real-one-0123456789abcdef' } },
      mfa: MFA,
      // Cheap hashing: the oracle signs in many times on two shared cores.
      // No admin console (it would warn about its missing secret key on every start).
      adminConsole: { enabled: false, secretKey: 'oracle-admin-console-off' },
      password: { argon2: { memoryCost: 1024, timeCost: 2, parallelism: 1 } },
    }),
  ],
})(AppModule);

/** Every MFA code the module "sent" (it has no mailer here), newest last. */
const sentCodes = [];

async function main() {
  const app = await NestFactory.create(AppModule, { logger: options.verbose ? undefined : ['error'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  // The vendor's setup checklist wires AuthExceptionFilter globally; without it the MFA controller's errors are the
  // bare `{message, code}` objects Nest sends (set NEST_AUTH_ORACLE_OPTIONS {"globalFilter": false} to see those).
  if (options.globalFilter !== false) app.useGlobalFilters(new AuthExceptionFilter());

  const events = app.get(EventEmitter2);
  // TwoFactorCodeSentEvent carries { user, tenantId, method, code } in `payload`.
  events.on(NestAuthEvents.TWO_FACTOR_CODE_SENT, ({ payload }) => {
    sentCodes.push({ email: payload.user?.email ?? null, userId: payload.user?.id ?? null, method: payload.method, code: payload.code, at: Date.now() });
  });
  const dataSource = app.get(DataSource);

  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();

  const userRepository = () => dataSource.getRepository('NestAuthUser');
  const findUser = async (email) => {
    const user = await userRepository().findOne({ where: { email } });
    if (!user) throw new Error(`no user ${email}`);
    return user;
  };

  const commands = {
    /** Codes sent (optionally only to one address). */
    codes: ({ email } = {}) => sentCodes.filter((sent) => !email || sent.email === email),
    /** The app's MFA options, as the module reads them on every request (mutable: the module re-reads them). */
    mfaOptions: () => AuthConfigService.getOptions().mfa,
    /** Change MFA options at run time, e.g. `{ required: true }`; answers the previous values of the keys set (null: unset). */
    setMfaOptions: (patch) => {
      const mfa = AuthConfigService.getOptions().mfa;
      // An option that was unset answers null (IPC's JSON would drop undefined), and null unsets it again.
      const previous = Object.fromEntries(Object.keys(patch).map((key) => [key, mfa[key] ?? null]));
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete mfa[key];
        else mfa[key] = value;
      }
      return previous;
    },
    /** Change the module's appName at run time (the MFA controller and service read it per request); answers the previous one. */
    setAppName: ({ appName }) => {
      const options = AuthConfigService.getOptions();
      const previous = options.appName;
      options.appName = appName;
      return previous;
    },
    user: async ({ email }) => {
      const user = await findUser(email);
      return { id: user.id, email: user.email, isMfaEnabled: user.isMfaEnabled, emailVerifiedAt: user.emailVerifiedAt, phone: user.phone ?? null };
    },
    /** Mark the user's email verified (as /auth/verify-email would after the mailed link). */
    verifyEmail: async ({ email }) => {
      const user = await findUser(email);
      await userRepository().update({ id: user.id }, { emailVerifiedAt: new Date() });
      return true;
    },
    /** Deactivate (or reactivate) a user: the guard then refuses its tokens ("User is not active"). */
    setActive: async ({ email, active }) => {
      const user = await findUser(email);
      await userRepository().update({ id: user.id }, { isActive: active });
      return true;
    },
    /** Remove the user row (and what cascades with it), leaving issued JWTs in the client's hands. */
    deleteUser: async ({ email }) => {
      const user = await findUser(email);
      await userRepository().delete({ id: user.id });
      return true;
    },
    /** Raw SQL for diagnostics. */
    query: ({ sql, params }) => dataSource.query(sql, params || []),
  };

  process.on('message', async (message) => {
    if (!message || typeof message.id === 'undefined') return;
    try {
      const handler = commands[message.command];
      if (!handler) throw new Error(`unknown command ${message.command}`);
      const result = await handler(message.args || {});
      process.send({ id: message.id, ok: true, result: JSON.parse(JSON.stringify(result ?? null)) });
    } catch (error) {
      process.send({ id: message.id, ok: false, error: String(error && error.stack ? error.stack : error) });
    }
  });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));

  process.send({ type: 'ready', url: `http://127.0.0.1:${port}`, startupMs: Date.now() - startedAt });
}

main().catch((error) => {
  new Logger('oracle').error(error);
  if (process.send) process.send({ type: 'failed', error: String(error && error.stack ? error.stack : error) });
  setTimeout(() => process.exit(1), 100);
});
