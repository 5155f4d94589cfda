# One image for the API and the dashboard; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@leadtrack/web...
ENV NODE_ENV=production
EXPOSE 3000 3001
CMD ["node", "scripts/start.mjs"]
