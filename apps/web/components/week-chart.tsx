'use client';
// The frame of the dashboard's week-by-week line charts: a figure whose summary sentence is
// both the chart's accessible name and its caption, the responsive box, the grid and the
// week axis. The chart's own axes, lines and marks come as children (recharts reads them
// by type, so they stay recharts elements).
import type { ReactNode } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis } from 'recharts';
import { gridProps, weekAxisProps } from './chart-style';
import './heatmap.css';

interface WeekChartProps {
  summary: string;
  data: object[];
  /** The field of each point holding its week's Monday. */
  weekKey: string;
  height: number;
  /** Room above the lines for labels. */
  top: number;
  testId?: string;
  children: ReactNode;
}

export function WeekChart({
  summary,
  data,
  weekKey,
  height,
  top,
  testId,
  children,
}: WeekChartProps) {
  return (
    <figure className="chart">
      <div className="chart-box" role="img" aria-label={summary} data-testid={testId}>
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data} margin={{ top, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid {...gridProps} />
            <XAxis dataKey={weekKey} {...weekAxisProps} />
            {children}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}
