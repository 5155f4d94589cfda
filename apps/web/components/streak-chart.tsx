'use client';
// The streak week by week, the threshold as a line, and the projected ready date marked.
import { addWeeks } from '@leadtrack/core';
import { Line, ReferenceDot, ReferenceLine, Tooltip, YAxis } from 'recharts';
import { formatDate, plural } from '../lib/format';
import type { CurrentDto, WeekRowDto } from '../lib/types';
import { accentLineProps, tooltipStyle, valueAxisProps } from './chart-style';
import { WeekChart } from './week-chart';

interface Props {
  weeks: WeekRowDto[];
  current: CurrentDto;
  threshold: number;
}

interface Point {
  week: string;
  streak?: number | null;
  projected?: number | null;
  onLeave?: boolean;
}

export function StreakChart({ weeks, current, threshold }: Props) {
  if (weeks.length === 0) return null;
  const data: Point[] = weeks.map((w) => ({
    week: w.weekStart,
    // A leave week repeats the streak before it: paused, not broken.
    streak: w.streak,
    onLeave: w.onLeave,
  }));
  const projected = current.projectedReadyOn && !current.ready ? current.projectedReadyOn : null;
  const last = weeks[weeks.length - 1];
  if (projected && last) {
    // Extend the axis to the projected week with a dashed line from today's streak.
    const lastPoint = data[data.length - 1];
    if (lastPoint) lastPoint.projected = current.streak;
    let w = addWeeks(last.weekStart, 1);
    let s = current.streak;
    for (let i = 0; w <= projected && i < 120; i++) {
      s++;
      data.push({ week: w, projected: Math.min(s, threshold) });
      w = addWeeks(w, 1);
    }
  }
  // Rule 8: the week in progress carries the streak before it (drawn level, not as a drop)
  // and is marked apart: a hollow dot labelled "in progress".
  const pending = weeks.find((w) => w.pending) ?? null;
  const maxY = Math.max(threshold + 4, ...weeks.map((w) => w.streak + 1));
  const summary = `Streak over ${plural(weeks.length, 'week')}: now ${current.streak} of ${plural(threshold, 'week')}.${
    current.ready && current.readySince
      ? ` Ready since the week of ${formatDate(current.readySince)}.`
      : ''
  }${
    pending
      ? ` The week of ${formatDate(pending.weekStart)} is in progress: the streak of ${pending.streak} is carried until it ends.`
      : ''
  }${projected ? ` Projected ready on ${formatDate(projected)}.` : ''}`;

  return (
    <WeekChart summary={summary} data={data} weekKey="week" height={220} top={18}>
      <YAxis
        domain={[0, maxY]}
        ticks={[0, Math.round(threshold / 2), threshold]}
        allowDecimals={false}
        {...valueAxisProps}
      />
      <Tooltip
        labelFormatter={(v) =>
          `Week of ${formatDate(String(v))}${pending && v === pending.weekStart ? ' (in progress, carried)' : ''}`
        }
        formatter={(value, name) => [
          `${value} of ${threshold} weeks`,
          name === 'projected' ? 'Projected streak' : 'Streak',
        ]}
        contentStyle={tooltipStyle}
      />
      <ReferenceLine
        y={threshold}
        stroke="var(--ready)"
        strokeDasharray="6 3"
        label={{
          value: `Threshold: ${threshold} weeks`,
          position: 'insideTopLeft',
          fill: 'var(--muted)',
          fontSize: 12,
        }}
      />
      <Line
        type="stepAfter"
        dataKey="streak"
        {...accentLineProps}
        strokeWidth={2}
        connectNulls={false}
        name="streak"
      />
      {projected ? (
        <Line
          type="linear"
          dataKey="projected"
          {...accentLineProps}
          strokeDasharray="4 4"
          strokeWidth={1.5}
          name="projected"
        />
      ) : null}
      {projected ? (
        <ReferenceLine
          x={projected}
          stroke="var(--ready)"
          strokeDasharray="2 3"
          label={{
            value: `Projected ready ${formatDate(projected)}`,
            position: 'insideTopRight',
            fill: 'var(--fg)',
            fontSize: 12,
          }}
        />
      ) : null}
      {projected ? (
        <ReferenceDot
          x={projected}
          y={threshold}
          r={5}
          fill="var(--ready)"
          stroke="var(--surface)"
        />
      ) : null}
      {pending ? (
        <ReferenceDot
          x={pending.weekStart}
          y={pending.streak}
          r={6}
          fill="var(--surface)"
          stroke="var(--accent)"
          strokeWidth={2}
          strokeDasharray="3 2"
          label={{
            value: 'in progress',
            position: 'top',
            fill: 'var(--fg)',
            fontSize: 12,
          }}
        />
      ) : null}
      {current.ready && current.readySince ? (
        <ReferenceLine
          x={current.readySince}
          stroke="var(--ready)"
          label={{ value: 'Ready', position: 'top', fill: 'var(--fg)', fontSize: 12 }}
        />
      ) : null}
    </WeekChart>
  );
}
