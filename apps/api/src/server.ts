// Boots the API: configuration, database, listen; closes the server, then the database,
// on SIGINT/SIGTERM.
import { DataFolderInUseError, openDatabase } from '@leadtrack/db';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { loadEnv } from './env';

const config = loadEnv();
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

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'server closing after an error');
  else app.log.info({ signal }, 'server closing');
  // app.close() stops accepting requests, drains them, then the database plugin closes the pool.
  await app.close();
});

await app.listen({ host: config.API_HOST, port: config.API_PORT });
app.log.info(
  {
    database: database.kind === 'embedded' ? `embedded (${config.LEADTRACK_DATA_DIR})` : 'postgres',
  },
  'Leadtrack API ready',
);
