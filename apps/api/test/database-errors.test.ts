// Which driver errors mean "the database is unreachable" (503) rather than a bug (500).
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/lib/database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['pg refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['pg reset', withCode('ECONNRESET')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool wait timing out', new Error('timeout exceeded when trying to connect')],
    [
      'Postgres shutting down',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['a connection exception', withCode('08006')],
    ['Prisma P1001', withCode('P1001')],
    ['Prisma pool timeout P2024', withCode('P2024')],
    [
      'a driver adapter error',
      Object.assign(new Error('adapter'), { cause: { kind: 'DatabaseNotReachable' } }),
    ],
    [
      'a wrapped socket error',
      new Error('query failed', { cause: new Error('inner', { cause: withCode('ECONNREFUSED') }) }),
    ],
    ['happy eyeballs', Object.assign(new AggregateError([withCode('ECONNREFUSED')]), {})],
  ])('%s → unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('P2002')],
    ['a NUL byte', withCode('22021')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    [
      'a postgres error from the adapter',
      Object.assign(new Error('x'), { cause: { kind: 'postgres', code: '23505' } }),
    ],
    ['nothing', undefined],
  ])('%s → not unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
