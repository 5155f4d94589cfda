'use client';
// The fit score week by week: a line over the reflections answered, oldest on the left.
import { Line, ReferenceLine, Tooltip, YAxis } from 'recharts';
import { formatDate } from '../lib/format';
import { tooltipStyle, valueAxisProps } from './chart-style';
import { WeekChart } from './week-chart';

export function FitChart({ points }: { points: { weekStart: string; fitScore: number }[] }) {
  if (points.length === 0) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    points.length === 1
      ? `One reflection so far: a fit score of ${last?.fitScore} in the week of ${formatDate(last?.weekStart)}.`
      : `Fit score over ${points.length} reflections: from ${first?.fitScore} in the week of ${formatDate(first?.weekStart)} to ${last?.fitScore} in the week of ${formatDate(last?.weekStart)}.`;
  return (
    <WeekChart
      summary={summary}
      data={points}
      weekKey="weekStart"
      height={200}
      top={12}
      testId="fit-chart"
    >
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
    </WeekChart>
  );
}
