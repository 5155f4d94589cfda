// The zod contract shared by the API (validation, OpenAPI) and the dashboard (forms).
export * from './audit';
export * from './auth';
export * from './checkins';
export * from './common';
export * from './evidence';
export * from './feedback';
export * from './packet';
export * from './readiness';
export * from './users';
