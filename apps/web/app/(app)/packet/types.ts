import type { EvidenceKind } from '@leadtrack/core';
import type { CurrentDto } from '../../../lib/types';

export interface PacketEntry {
  id: string;
  title: string;
  occurredOn: string;
  description: string | null;
  links: string[];
  audience: string | null;
  acknowledgements: {
    by: { id: string; name: string };
    comment: string | null;
    createdAt: string;
  }[];
}

export interface PacketDto {
  user: { id: string; name: string; email: string };
  from: string;
  to: string;
  readiness: CurrentDto & { status: 'building' | 'consistent' | 'ready'; thresholdWeeks: number };
  kinds: { kind: EvidenceKind; label: string; count: number; entries: PacketEntry[] }[];
}
