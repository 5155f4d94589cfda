// The zod contract shared by the API (validation, OpenAPI) and the dashboard (forms).
export * from './auth';
export * from './common';
export * from './users';
