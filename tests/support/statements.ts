// Counting what reaches the database: a Database whose driver queries (db.query) and Prisma
// calls (a model delegate's method or a $ method) are each recorded, for tests that hold a
// request or a service to a number of round trips.
import type { Database, PrismaClient } from '@leadtrack/db';

export interface CountedDatabase {
  db: Database;
  /** One line per statement sent: `query` and its text (white space folded), or the Prisma call. */
  statements: string[];
}

export function countingDatabase(database: Database): CountedDatabase {
  const statements: string[] = [];
  // Every Prisma call that reaches the database goes through a model delegate or a $ method.
  const wrap = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof prop !== 'string') return value;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            statements.push(`prisma ${path}${prop}`);
            return value.apply(obj, args);
          };
        }
        if (path === '' && value && typeof value === 'object' && !prop.startsWith('_')) {
          return wrap(value, `${prop}.`);
        }
        return value;
      },
    });
  const query: Database['query'] = (text, values) => {
    statements.push(`query ${text.replace(/\s+/g, ' ').trim()}`);
    return database.query(text, values);
  };
  return {
    db: { ...database, prisma: wrap(database.prisma as PrismaClient, ''), query },
    statements,
  };
}
