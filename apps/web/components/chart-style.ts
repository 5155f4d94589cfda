// Recharts props the dashboard's week-by-week line charts share, so they look alike.
// Spread onto the recharts elements themselves (recharts reads its children by type).
import { shortDate } from '../lib/format';

const tick = { fill: 'var(--muted)', fontSize: 12 };

export const gridProps = { stroke: 'var(--grid)', strokeDasharray: '2 4', vertical: false };

/** The week axis along the bottom: short dates, thinned when the weeks are many. */
export const weekAxisProps = {
  tickFormatter: (v: string) => shortDate(v),
  tick,
  stroke: 'var(--border)',
  minTickGap: 28,
};

export const valueAxisProps = { width: 36, tick, stroke: 'var(--border)' };

export const tooltipStyle = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  color: 'var(--fg)',
};

/** A line in the accent colour without dots or animation (the streak and its projection). */
export const accentLineProps = { stroke: 'var(--accent)', dot: false, isAnimationActive: false };
