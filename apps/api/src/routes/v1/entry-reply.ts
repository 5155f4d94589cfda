// How a route answers with one evidence entry: as the API shows it, with its version as ETag.
import type { FastifyReply } from 'fastify';
import { sendVersioned } from '../../lib/if-match';
import { type EvidenceRow, toEvidenceDto } from '../../services/evidence/evidence-entry';

export const sendEntry = (reply: FastifyReply, entry: EvidenceRow) =>
  sendVersioned(reply, entry, toEvidenceDto(entry));
