// A date as the dashboard shows it everywhere ("25 Nov 2026"), with the ISO date kept
// machine-readable in <time dateTime>.
import { formatDate } from '../lib/format';

export function DateText({
  iso,
  className,
}: {
  iso: string | null | undefined;
  className?: string;
}) {
  if (!iso) return <span className={className}>—</span>;
  return (
    <time dateTime={iso.length > 10 ? iso : iso.slice(0, 10)} className={className}>
      {formatDate(iso)}
    </time>
  );
}
