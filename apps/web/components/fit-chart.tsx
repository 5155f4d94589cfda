'use client';
// The fit score week by week: a line over the reflections answered, oldest on the left.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '../lib/format';
import { gridProps, tooltipStyle, valueAxisProps, weekAxisProps } from './chart-style';

export function FitChart({ points }: { points: { weekStart: string; fitScore: number }[] }) {
  if (points.length === 0) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    points.length === 1
      ? `One reflection so far: a fit score of ${last?.fitScore} in the week of ${formatDate(last?.weekStart)}.`
      : `Fit score over ${points.length} reflections: from ${first?.fitScore} in the week of ${formatDate(first?.weekStart)} to ${last?.fitScore} in the week of ${formatDate(last?.weekStart)}.`;
  return (
    <figure className="chart">
      <div className="chart-box" role="img" aria-label={summary} data-testid="fit-chart">
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={points} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid {...gridProps} />
            <XAxis dataKey="weekStart" {...weekAxisProps} />
            <YAxis domain={[0, 100]} ticks={[0, 50, 100]} {...valueAxisProps} />
            <Tooltip
              labelFormatter={(v) => `Week of ${formatDate(String(v))}`}
              formatter={(value) => [`${value} of 100`, 'Fit score']}
              contentStyle={tooltipStyle}
            />
            <ReferenceLine y={50} stroke="var(--border)" strokeDasharray="4 4" />
            <Line
              type="monotone"
              dataKey="fitScore"
              stroke="var(--accent)"
              strokeWidth={2}
              dot={{ r: 4, fill: 'var(--accent)' }}
              isAnimationActive={false}
              name="Fit score"
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}
