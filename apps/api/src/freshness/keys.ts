// Every per-process cache (readiness, bodies) is keyed by this one function, over every
// input of the answer: the data versions the request read (bumped by the triggers in the
// writing transaction), the people's fields and dates that shape it, the policy, the query.
// An entry can then only be found while it is still the right answer, whichever API process
// wrote. JSON keeps the parts apart whatever they contain (a name with a separator in it
// cannot make two inputs one key).
import type { Policy } from '@leadtrack/core';

export type KeyInput = string | number | boolean | null | undefined;

/** The key of `what` (the cache's kind of answer) for these inputs, in order. */
export function freshnessKey(
  what: string,
  ...inputs: readonly (KeyInput | readonly KeyInput[])[]
): string {
  return JSON.stringify([what, ...inputs]);
}

/** The policy as key inputs: every field the model reads. */
export function policyInputs(policy: Policy): KeyInput[] {
  return [
    policy.requiredKinds.join(','),
    policy.windowWeeks,
    policy.thresholdWeeks,
    policy.requireVisibility,
  ];
}
