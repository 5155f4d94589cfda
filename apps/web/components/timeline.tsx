// A person's readiness timeline: summary, heatmap and streak chart.
import { formatDate, kindLabel, plural } from '../lib/format';
import type { ReadinessDto, WeekEntries } from '../lib/types';
import { Heatmap } from './heatmap';
import { MissingKinds, ReadinessSummary } from './readiness';
import { StreakChart } from './streak-chart';
import { WeekInProgress } from './week-in-progress';
import './heatmap.css';

export function Timeline({
  readiness,
  who,
  titles,
  weekHref,
}: {
  readiness: ReadinessDto;
  who?: string;
  /** Entries by week start, named in the heatmap's cells. */
  titles?: WeekEntries;
  /** Where a heatmap cell lists its week's entries (see Heatmap). */
  weekHref?: string;
}) {
  const { weeks, policy, current } = readiness;
  const currentRow = weeks.find((w) => w.weekStart === current.weekStart);
  return (
    <>
      <ReadinessSummary current={current} policy={policy} />
      {current.pending ? (
        <WeekInProgress current={current} row={currentRow} who={who} />
      ) : currentRow && !currentRow.consistent ? (
        <MissingKinds kinds={currentRow.missingKinds} labels={kindLabel} />
      ) : null}
      <section aria-labelledby="heatmap-h" className="panel">
        <h2 id="heatmap-h">Evidence by week</h2>
        <p className="muted small">
          {weeks.length > 0
            ? `${weeks.length === 1 ? `One week, the week of ${formatDate(weeks[0]?.weekStart)}` : `${plural(weeks.length, 'week')} from ${formatDate(weeks[0]?.weekStart)} to ${formatDate(weeks[weeks.length - 1]?.weekStart)}`}. A week is consistent when every required behaviour appears in its ${policy.windowWeeks}-week window; ${plural(policy.thresholdWeeks, 'consistent week')} in a row make ${who ?? 'you'} ready.`
            : null}
        </p>
        <Heatmap
          weeks={weeks}
          policy={policy}
          current={current}
          titles={titles}
          weekHref={weekHref}
          label={`Evidence by week and behaviour${who ? ` for ${who}` : ''}`}
        />
      </section>
      <section aria-labelledby="streak-h" className="panel">
        <h2 id="streak-h">Streak over time</h2>
        {weeks.length > 0 ? (
          <StreakChart weeks={weeks} current={current} threshold={policy.thresholdWeeks} />
        ) : (
          <p className="empty">The chart starts with the first week of evidence.</p>
        )}
      </section>
    </>
  );
}
