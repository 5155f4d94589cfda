'use server';
// Settings › every source alike: "sync now" (POST /me/integrations/{source}/sync) and
// "disconnect" (DELETE /me/integrations/{source}), each worded by its source
// (sources/words.ts). The client binds the source.
import { isSourceId, type SourceId } from '@leadtrack/schemas';
import { meApi } from '../../lib/api';
import { type FormState, settingsCall } from '../../lib/form-state';
import { SOURCE_WORDS, type SourceStep, type SyncFound } from '../../sources/words';

export type Integration = SourceId;

export type IntegrationState = FormState;

async function step(
  kind: Integration,
  which: SourceStep,
  prev: IntegrationState,
): Promise<IntegrationState> {
  // The source comes from the client: only the sources there are.
  if (!isSourceId(kind)) return { message: 'There is no such integration.' };
  const { done, failed } = SOURCE_WORDS[kind][which];
  return settingsCall(prev, meApi.integrationStep<SyncFound>(kind, which), done, failed);
}

export async function syncIntegration(kind: Integration, prev: IntegrationState) {
  return step(kind, 'sync', prev);
}

export async function disconnectIntegration(kind: Integration, prev: IntegrationState) {
  return step(kind, 'disconnect', prev);
}
