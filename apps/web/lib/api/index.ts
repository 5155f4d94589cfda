// The dashboard's data layer: one typed function per API operation, grouped by area
// (lib/api/<area>.ts), typed by the shared zod contract (@leadtrack/schemas). Pages and
// actions call these, e.g. `load(evidenceApi.list({ limit: 3 }))`, and never name an API
// path; `api` itself (transport.ts) is for the area files only. See ARCHITECTURE.md.
import 'server-only';

export * as authApi from './auth';
export * as captureApi from './capture';
export * as checkinsApi from './checkins';
export * as endorsementsApi from './endorsements';
export * as evidenceApi from './evidence';
export * as meApi from './me';
export * as notificationsApi from './notifications';
export * as orgApi from './org';
export { loadPolicy } from './org';
export * as reflectionsApi from './reflections';
export * as sessionApi from './session';
export {
  type ApiResult,
  type Call,
  currentPath,
  endSession,
  fieldErrors,
  getMe,
  load,
  loadOrNull,
  myToday,
  orElse,
  requireMe,
} from './transport';
export * as usersApi from './users';
export { type Colleague, loadColleagues, loadReadiness, loadRoleProfile } from './users';
