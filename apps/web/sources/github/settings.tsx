'use client';
// Settings › GitHub: sources/token-host-settings.tsx with GitHub's words (a token, and GitHub
// Enterprise's address when it is one).
import {
  type TokenHostPanelProps,
  TokenHostSettings,
  type TokenHostWords,
} from '../token-host-settings';
import { connectGithub } from './actions';

const GITHUB: TokenHostWords = {
  id: 'github',
  name: 'GitHub',
  intro: (
    <>
      Connect GitHub and the reviews you give colleagues arrive as one suggestion a week (“Reviewed
      7 pull requests in 3 repositories for 5 authors”), and your design pull requests (ADRs, RFCs,
      design documents) as proposals. You choose what becomes evidence in your inbox.
    </>
  ),
  tokenHint: (
    <>
      A classic token with the <code>repo</code> scope, or a fine-grained one that reads pull
      requests. Stored encrypted, never shown again.
    </>
  ),
  address: {
    label: 'GitHub Enterprise address (optional)',
    placeholder: 'https://github.example.com/api/v3',
    hint: 'Leave empty for github.com.',
  },
  where: (baseUrl) => (baseUrl === 'https://api.github.com' ? 'github.com' : baseUrl),
};

/** The panel Settings shows (sources/settings.tsx gives it the connection). */
export const GithubSettings = (panel: TokenHostPanelProps) => (
  <TokenHostSettings host={GITHUB} action={connectGithub} {...panel} />
);
