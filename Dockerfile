# Leadtrack's image: the API and the dashboard; docker-compose.yml picks the command.
#
# No Docker engine runs on the project's CI machines, so this file cannot be built there.
# Its install and build commands are therefore exactly the ones CI runs (.ci/run:
# `npm ci --no-audit --no-fund`, then turbo's build task), so that what CI proves about them
# holds here too. Change them together.

# 1. Build: every dependency, the Prisma client and the Next.js production build.
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

# 3. What runs: production dependencies and built output, as the unprivileged `node` user.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
# The whole deps stage: root and per-workspace node_modules with their package.json files.
COPY --from=deps /app ./
COPY --from=build /app/prisma.config.ts ./
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
# The API runs its TypeScript source with tsx (a production dependency of the API); the
# internal packages export source, and the generated Prisma client comes from the build.
COPY --from=build /app/apps/api/src ./apps/api/src
COPY --from=build /app/apps/api/tsconfig.json ./apps/api/
COPY --from=build /app/packages/core/src ./packages/core/src
COPY --from=build /app/packages/schemas/src ./packages/schemas/src
COPY --from=build /app/packages/db/src ./packages/db/src
COPY --from=build /app/tsconfig.base.json ./
# The dashboard: its production build, what `next start` reads, and server.ts (which serves
# it) with the configuration module it imports.
COPY --from=build /app/apps/web/next.config.ts /app/apps/web/server.ts /app/apps/web/tsconfig.json ./apps/web/
COPY --from=build /app/apps/web/lib/env.ts ./apps/web/lib/
COPY --from=build /app/apps/web/.next ./apps/web/.next
# The embedded database's folder (when DATABASE_URL is unset) belongs to the runtime user.
RUN mkdir -p /app/.data && chown node:node /app/.data && rm -rf /app/apps/web/.next/cache
USER node
EXPOSE 3000 3001
CMD ["sh", "-c", "cd apps/api && ../../node_modules/.bin/tsx src/server.ts"]
