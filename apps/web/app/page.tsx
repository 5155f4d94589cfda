import { API_URL } from '../lib-api';

export const dynamic = 'force-dynamic';

async function apiStatus(): Promise<'ready' | 'unavailable'> {
  try {
    const res = await fetch(`${API_URL}/readyz`, { cache: 'no-store' });
    return res.ok ? 'ready' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

export default async function Home() {
  const status = await apiStatus();
  return (
    <main>
      <h1>Leadtrack</h1>
      <p>
        Leadtrack helps a senior engineer earn a tech-lead role, and helps their manager see it: log
        evidence of lead behaviours every week, and watch the readiness timeline toward six months
        of consistency.
      </p>
      <p role="status">API: {status}</p>
    </main>
  );
}
