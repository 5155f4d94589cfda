// The zod contract shared by the API (validation, OpenAPI) and the dashboard (forms).
export * from './agreement';
export * from './audit';
export * from './auth';
export * from './capture';
export * from './checkins';
export * from './common';
export * from './endorsements';
export * from './evidence';
export * from './feedback';
export * from './messages';
export * from './notifications';
export * from './org';
export * from './packet';
export * from './profile';
export * from './readiness';
export * from './reflections';
export * from './users';
