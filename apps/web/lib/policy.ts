import { DEFAULT_POLICY } from '@leadtrack/core';

export const DEFAULT_REQUIRED: string[] = [...DEFAULT_POLICY.requiredKinds];
