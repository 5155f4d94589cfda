// File-level fixtures declared in one line at module level: made in beforeAll, disposed of
// in afterAll, and read in hooks and tests through a stand-in for the value.
import { afterAll, beforeAll } from 'vitest';

/**
 * Makes a file's fixture (an app, a team, a role cast, a browser…) in beforeAll, after the
 * hooks registered before it, and disposes of it in afterAll. Returns a stand-in that may
 * be declared at module level: `const team = useFixture(() => makeTeam(app))`.
 */
export function useFixture<T extends object>(
  make: () => Promise<T>,
  dispose?: (value: T) => unknown,
): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await make();
  });
  if (dispose) {
    afterAll(async () => {
      if (value) await dispose(value);
    });
  }
  return standIn(() => {
    if (!value) throw new Error('useFixture: made in beforeAll; use it in hooks and tests');
    return value;
  });
}

/** An object that forwards every read to `current()` (methods bound to it). */
export function standIn<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_, property) {
      const target = current();
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_, property) => Reflect.has(current(), property),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor(_, property) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), property);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
