// Boots the API: configuration, database, listen; on SIGTERM/SIGINT drains and closes the
// server, then the database (lib/shutdown.ts). `npm run build` compiles it to dist/server.js.
import { DataFolderInUseError, openDatabase } from '@leadtrack/db';
import { buildApp } from './app';
import { loadEnv } from './env';
import { serveBackups } from './lib/backup-socket';
import { listenForStop } from './lib/shutdown';

const config = loadEnv();
const shutdown = listenForStop();
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.LEADTRACK_DATA_DIR,
}).catch((error: unknown) => {
  // Another process holds the embedded database: say who, and stop at once.
  if (error instanceof DataFolderInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
const app = await buildApp({ config, database });
if (database.kind === 'embedded') {
  const stopBackups = await serveBackups(database, config.LEADTRACK_DATA_DIR, app.log);
  app.addHook('preClose', stopBackups);
}

await app.listen({ host: config.API_HOST, port: config.API_PORT });
app.log.info(
  {
    database: database.kind === 'embedded' ? `embedded (${config.LEADTRACK_DATA_DIR})` : 'postgres',
  },
  'Leadtrack API ready',
);
shutdown.serve(app);
