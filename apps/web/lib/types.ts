// Response shapes of the API (shared/API.md). Kept here, typed loosely where the zod
// contract for an area is still being written, so the dashboard builds either way.
import type { EvidenceKind } from '@leadtrack/core';

export type Role = 'engineer' | 'manager' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
}

export interface Acknowledgement {
  id: string;
  by: { id: string; name: string };
  comment: string | null;
  createdAt: string;
}

export type Audience = 'team' | 'org' | 'stakeholders';

export interface Evidence {
  id: string;
  userId: string;
  kinds: EvidenceKind[];
  title: string;
  description: string | null;
  occurredOn: string;
  links: string[];
  audience: Audience | null;
  source: 'manual' | 'github' | 'import';
  acknowledgements: Acknowledgement[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EvidencePage {
  items: Evidence[];
  nextCursor: string | null;
}

export interface Checkin {
  userId: string;
  weekStart: string;
  handsOnPercent: number;
  deepWorkBlocks: number;
  onLeave: boolean;
  note: string | null;
}

export interface PolicyDto {
  requiredKinds: EvidenceKind[];
  windowWeeks: number;
  thresholdWeeks: number;
  requireVisibility: boolean;
}

export interface WeekRowDto {
  weekStart: string;
  onLeave: boolean;
  counts: Partial<Record<EvidenceKind, number>>;
  missingKinds: EvidenceKind[];
  consistent: boolean;
  streak: number;
  ready: boolean;
  visibility: number | null;
}

export interface CurrentDto {
  weekStart: string;
  consistent: boolean;
  streak: number;
  ready: boolean;
  readySince: string | null;
  projectedReadyOn: string | null;
}

export interface SignalDto {
  code: string;
  message: string;
}

export interface ReadinessDto {
  userId: string;
  asOf: string;
  policy: PolicyDto;
  weeks: WeekRowDto[];
  current: CurrentDto;
  signals: SignalDto[];
}

export interface ReportRow {
  user: User;
  current: CurrentDto;
  signals: SignalDto[];
  lastEvidenceOn: string | null;
}

export interface Feedback {
  id: string;
  userId: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
}

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}
