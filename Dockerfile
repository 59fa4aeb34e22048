# mfa-sandbox as a container: `docker build -t mfa-sandbox . && docker run --rm -p 4010:4010 mfa-sandbox`
# No Docker engine runs in CI, so scripts/docker-equivalent-check.sh runs these same steps (install, build, production
# install, start, health check) on every CI run; keep the two in step.
# Node 22 LTS: the oldest maintained LTS (20 is end-of-life since 2026-04-30) and one every runtime dependency supports
# (some declare node >=22); package.json "engines" says the same (>=22.12.0, where require(esm) is on by default).

# ---- build: full install (TypeScript, esbuild: dev dependencies), compile src/ to dist/, snapshot specs, bundle --
FROM node:22.23-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-console-assets.mjs scripts/bundle-server.mjs scripts/bundle-externals.mjs scripts/bundle-commonjs-entry.mjs scripts/bundle-import-meta.js scripts/commonjs-declarations.mjs ./scripts/
COPY specs ./specs
COPY scenarios ./scenarios
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, the compiled app, specs and scenarios; unprivileged -----------------------------
FROM node:22.23-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    NO_COLOR=1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY specs ./specs
COPY scenarios ./scenarios
# The node image's unprivileged user. The app writes only its cache (~/.cache/mfa-sandbox: compiled code, kept when
# the process exits, so a restarted container starts faster); where it cannot write, it goes on without.
USER node
EXPOSE 4010
# Inside the container the health check is a loopback client, which the admin API answers; when the container is given
# an admin token (MFA_SANDBOX_ADMIN_TOKEN, as the README recommends), every admin request needs it, this one too.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["node", "-e", "const token = process.env.MFA_SANDBOX_ADMIN_TOKEN; fetch('http://127.0.0.1:' + (process.env.PORT || 4010) + '/__admin/health', { headers: token ? { authorization: 'Bearer ' + token } : {} }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.bundle.js", "serve"]
