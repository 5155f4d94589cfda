// Pages about one record that may not exist or not be the caller's to see (a report, an
// entry to edit, someone's packet). They share the signed-in shell of (app) but not its
// loading.tsx: a loading fallback starts streaming, which fixes the status at 200, so
// notFound() there could not answer 404. Here the page's own check runs before anything is
// sent, and an unknown or unreadable record is a real HTTP 404.
import AppLayout from '../(app)/layout';

export const dynamic = 'force-dynamic';

export default AppLayout;
