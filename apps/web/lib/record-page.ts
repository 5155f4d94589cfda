// The opening every record page (app/(record)/…/[id]) shares: its route params, its query
// string, and "load the record the caller may read, or a plain 404".
import { type EvidenceKind, isEvidenceKind } from '@leadtrack/core';
import { notFound } from 'next/navigation';
import { evidenceApi, loadOrNull, requireMe, usersApi } from './api';
import type { SearchParams } from './page-props';
import type { Evidence, MeDto, User } from './types';

export interface RecordPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

/** The record's id and the query string, awaited, with what `load` reads for that id. */
export async function readRecordPage(
  props: RecordPageProps,
): Promise<{ id: string; sp: SearchParams }>;
export async function readRecordPage<T extends object>(
  props: RecordPageProps,
  load: (id: string) => Promise<T>,
): Promise<{ id: string; sp: SearchParams } & T>;
export async function readRecordPage(
  { params, searchParams }: RecordPageProps,
  load?: (id: string) => Promise<object>,
) {
  const { id } = await params;
  const sp = await searchParams;
  return { id, sp, ...(load ? await load(id) : {}) };
}

/** A query value when it is a single non-empty string. */
export const oneParam = (v: string | string[] | undefined) =>
  typeof v === 'string' && v ? v : undefined;

/** A behaviour named in the query (a heatmap cell's `kind`), when it is one. */
export function kindParam(v: string | string[] | undefined): EvidenceKind | undefined {
  const kind = oneParam(v);
  return kind && isEvidenceKind(kind) ? kind : undefined;
}

/** Someone else the caller may read (a report, for a manager or admin), or notFound(). */
export async function loadPerson(id: string): Promise<{ me: MeDto; user: User }> {
  const me = await requireMe();
  const user = await loadOrNull(usersApi.get(id));
  if (!user || user.id === me.id) notFound();
  return { me, user };
}

/** The caller's own evidence entry; anyone else who may read it gets a plain 404. */
export async function loadOwnEvidence(id: string): Promise<{ me: MeDto; entry: Evidence }> {
  const me = await requireMe();
  const entry = await loadOrNull(evidenceApi.get(id));
  if (!entry || entry.userId !== me.id) notFound();
  return { me, entry };
}
