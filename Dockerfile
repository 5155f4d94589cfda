# Leadtrack's image: the API and the dashboard; docker-compose.yml picks the command.
#
# No Docker engine runs on the project's CI machines, so this file cannot be built there.
# Its install and build commands are therefore exactly the ones CI runs (.ci/run:
# `npm ci --no-audit --no-fund`, then turbo's build task), so that what CI proves about them
# holds here too. Change them together.

# 1. Build: every dependency, the Prisma client, the compiled API (apps/api/dist) and the
#    dashboard (Next.js production build plus its compiled server, apps/web/dist).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

# 2. Production dependencies only (no compilers, linters, test runners or browsers).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/schemas/package.json packages/schemas/
COPY tests/package.json tests/
COPY bench/package.json bench/
RUN npm ci --omit=dev --no-audit --no-fund

# 3. What runs: production dependencies and compiled output, as the unprivileged `node`
#    user. No TypeScript and no compiler (tsx, esbuild) are in the image: the API is
#    apps/api/dist/server.js, bundled with the workspace packages; node resolves the rest
#    from node_modules. The migrations are read by dist/migrate.js and by the embedded
#    database at start.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
# The whole deps stage: root and per-workspace node_modules with their package.json files.
COPY --from=deps /app ./
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/apps/api/dist ./apps/api/dist
# The dashboard: its production build, what `next start` reads, and its compiled server.
COPY --from=build /app/apps/web/next.config.ts ./apps/web/
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY --from=build /app/apps/web/.next ./apps/web/.next
# The embedded database's folder (when DATABASE_URL is unset) belongs to the runtime user.
RUN mkdir -p /app/.data && chown node:node /app/.data && rm -rf /app/apps/web/.next/cache
USER node
EXPOSE 3000 3001
# node itself is PID 1 and gets `docker stop`'s SIGTERM: /readyz turns 503, requests in
# flight finish (10 s at most), exit 0. Sized for memory as scripts/api-node.mjs says.
ENV MALLOC_ARENA_MAX=2
CMD ["node", "--enable-source-maps", "--max-semi-space-size=4", "--optimize-for-size", "apps/api/dist/server.js"]
