import { Text, View } from '@tarojs/components';
import { fill } from '../../i18n/fill';
import { useSettings } from '../../state/settings';
import type { KindGrid, MonthState } from './contribution-months';

const MARK: Record<MonthState, string> = { paid: '✓', back_paid: '补', gap: '✕', none: '' };

/**
 * Months as squares, twelve to a year, one block per insurance: paid, paid late and gaps each
 * have their own colour AND mark, so the chart also reads in grey and in large-font mode (where
 * a year wraps into two rows of six). Plain Views only, so it renders alike in WeChat, Alipay
 * and the browser. Screen readers get each year as one sentence (role img + label) instead of
 * 12 squares; the page also offers the same data as a table.
 */
export function ContributionGrid({ grids }: { grids: KindGrid[] }) {
  const { t } = useSettings();
  const c = t.records.chart;
  return (
    <View className='contribution-grid'>
      <View className='grid-legend' ariaLabel={c.hint}>
        <Text className='legend-item month-paid'>{c.legendPaid}</Text>
        <Text className='legend-item month-back_paid'>{c.legendBackPaid}</Text>
        <Text className='legend-item month-gap'>{c.legendGap}</Text>
        <Text className='legend-item month-none'>{c.legendNone}</Text>
      </View>
      {grids.map((g) => {
        const kind = t.records.values.insuranceKind[g.kind];
        return (
          <View key={g.kind} className='grid-kind' data-kind={g.kind}>
            <Text className='subtitle'>{kind}</Text>
            {g.years.map((y) => {
              const sentence =
                fill(c.yearSummary, { year: y.year, kind, paid: y.paid, backPaid: y.backPaid, gaps: y.gaps.length }) +
                (y.gaps.length ? fill(c.gapMonths, { months: y.gaps.map((m) => fill(c.month, { m })).join('、') }) : '');
              return (
                <View key={y.year} className='grid-year' ariaRole='img' ariaLabel={sentence} data-year={y.year}>
                  <Text className='grid-year-label'>{fill(c.year, { year: y.year })}</Text>
                  <View className='grid-months'>
                    {y.months.map((state, i) => (
                      <View key={i} className={`grid-month month-${state}`} data-state={state}>
                        <Text className='grid-month-no'>{i + 1}</Text>
                        <Text className='grid-month-mark'>{MARK[state]}</Text>
                      </View>
                    ))}
                  </View>
                </View>
              );
            })}
          </View>
        );
      })}
    </View>
  );
}
