'use client';
// Settings › GitLab: sources/token-host-settings.tsx with GitLab's words (a token, and a
// self-managed instance's address).
import {
  type TokenHostPanelProps,
  TokenHostSettings,
  type TokenHostWords,
} from '../token-host-settings';
import { connectGitlab } from './actions';

const GITLAB: TokenHostWords = {
  id: 'gitlab',
  name: 'GitLab',
  intro: (
    <>
      Connect GitLab and the merge requests you review for colleagues arrive as one suggestion a
      week (“Reviewed 6 merge requests in 3 projects for 4 authors”), and the design merge requests
      you open (ADRs, RFCs, designs) as proposals.
    </>
  ),
  tokenHint: (
    <>
      A token with the <code>read_api</code> scope. Stored encrypted, never shown again.
    </>
  ),
  address: {
    label: 'Self-managed GitLab address (optional)',
    placeholder: 'https://gitlab.example.com',
    hint: 'Leave empty for gitlab.com.',
  },
  where: (baseUrl) => new URL(baseUrl).host,
};

/** The panel Settings shows (sources/settings.tsx gives it the connection). */
export const GitlabSettings = (panel: TokenHostPanelProps) => (
  <TokenHostSettings host={GITLAB} action={connectGitlab} {...panel} />
);
