// A typed Leadtrack client in a dozen lines: types generated from the instance's own OpenAPI
// document by openapi-typescript, requests made by openapi-fetch. Generate the types first:
//   npx openapi-typescript http://127.0.0.1:3001/docs/json -o leadtrack-api.d.ts
// then run with a personal access token (Settings → tokens, or POST /api/v1/me/tokens):
//   LEADTRACK_URL=http://127.0.0.1:3001 LEADTRACK_TOKEN=lt_pat_… npx tsx typed-client.ts
import createClient from 'openapi-fetch';
import type { paths } from './leadtrack-api';

const api = createClient<paths>({
  baseUrl: process.env.LEADTRACK_URL ?? 'http://127.0.0.1:3001',
  headers: { authorization: `Bearer ${process.env.LEADTRACK_TOKEN}` },
});

// Request bodies, path parameters and responses are all checked by the compiler.
const created = await api.POST('/api/v1/evidence', {
  body: {
    kinds: ['review'],
    title: 'Reviewed the queue redesign for fit with the event bus',
    occurredOn: new Date().toISOString().slice(0, 10),
  },
});
if (created.error) throw new Error(created.error.detail);

const readiness = await api.GET('/api/v1/users/{id}/readiness', {
  params: { path: { id: 'me' } },
});
if (readiness.error) throw new Error(readiness.error.detail);
const { current } = readiness.data;
console.log(`logged ${created.data.id}; streak ${current.streak}, ready: ${current.ready}`);
