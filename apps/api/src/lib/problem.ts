// Typed HTTP errors that the error handler turns into application/problem+json.
import { fieldLabel } from '@leadtrack/schemas';

export interface FieldError {
  path: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, detail, errors);
export const unauthorized = (detail = 'Sign in to continue.') => new HttpProblem(401, detail);
export const forbidden = (detail = 'Your role does not allow this.') =>
  new HttpProblem(403, detail);
export const notFound = (detail = 'No such resource.') => new HttpProblem(404, detail);
export const conflict = (detail: string) => new HttpProblem(409, detail);
export const preconditionFailed = (detail: string) => new HttpProblem(412, detail);

/**
 * One invalid field as a 400, for a rule zod alone cannot judge (one that needs the
 * database): the message names the field in words, as the schemas' messages do.
 */
export const invalidField = (path: string, rule: string, label = fieldLabel([path])) => {
  const reason = rule.charAt(0).toLowerCase() + rule.slice(1);
  const message = `${label}: ${reason}${/[.!?]$/.test(rule) ? '' : '.'}`;
  return badRequest(message, [{ path, message }]);
};
