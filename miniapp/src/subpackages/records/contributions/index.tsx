import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { formatFen, isMonth, monthIndex, monthInChina, monthSpans, type ContributionMonth, type ContributionSummary } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { fill } from '../../../i18n/fill';
import { recordsService } from '../../../services/records.service';
import { useSettings } from '../../../state/settings';
import { ContributionGrid } from '../contribution-grid';
import { contributionGrid } from '../contribution-months';
import { DateRange } from '../date-range';
import { chinaTime } from '../record-format';
import { WardSwitch } from '../../../components/ward-switch';
import '../records.scss';

const PAGE_SIZE = 50;
/** Enough pages for 25 years of months; a longer range is asked in parts by moving the dates. */
const MAX_PAGES = 6;

interface Loaded {
  items: ContributionMonth[];
  summary: ContributionSummary;
  asOf: string;
}

/** The last five calendar years up to this month: what people usually look at first. */
export function defaultRange(now = Date.now()) {
  const to = monthInChina(now);
  return { from: `${Number(to.slice(0, 4)) - 4}-01`, to };
}

/**
 * Contribution history (缴费记录): the months of the chosen range as a chart per insurance, the
 * summary (months paid, gap spans, totals), and the same months as a table for screen readers
 * and large font. The whole range is fetched (HRSS pages by 50), so the chart has no holes
 * that are only paging.
 */
export default function ContributionsPage() {
  const { t } = useSettings();
  const c = t.records.chart;
  const { params } = useRouter();
  const [forWard, setForWard] = useState<string | undefined>(params.for || undefined);
  // `?from=&to=` opens a chosen range (a link from elsewhere); otherwise the last five years.
  const [range, setRange] = useState(() =>
    isMonth(params.from) && isMonth(params.to) && monthIndex(params.from) <= monthIndex(params.to) ? { from: params.from, to: params.to } : defaultRange(),
  );
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [showTable, setShowTable] = useState(false);

  const load = async () => {
    setError(null);
    setData(null);
    try {
      const items: ContributionMonth[] = [];
      let first: Awaited<ReturnType<typeof recordsService.contributions>> | null = null;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await recordsService.contributions({ for: forWard, from: range.from, to: range.to, page, pageSize: PAGE_SIZE });
        first ??= r;
        items.push(...r.items);
        if (items.length >= r.total || r.items.length === 0) break;
      }
      setData({ items, summary: first!.summary, asOf: first!.asOf });
    } catch (e) {
      setError(e as ShownError);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [forWard, range.from, range.to]);

  const grids = useMemo(() => (data ? contributionGrid(data.items, range.from, range.to) : []), [data, range.from, range.to]);
  const gapSpans = data ? monthSpans(data.summary.gapMonths) : [];

  const changeRange = (from: string, to: string) => {
    if (!from || !to || monthIndex(from) > monthIndex(to)) return;
    setRange({ from, to });
  };
  const toProof = () =>
    Taro.navigateTo({ url: `/subpackages/records/proof/index?from=${range.from}&to=${range.to}${forWard ? `&for=${encodeURIComponent(forWard)}` : ''}` });

  return (
    <PageShell label={t.records.kinds.contributions}>
      <View className='card'>
        <Heading>{t.records.kinds.contributions}</Heading>
        {data ? <Text className='muted'>{fill(t.records.asOf, { time: chinaTime(data.asOf) })}</Text> : null}
      </View>
      <WardSwitch value={forWard} onChange={setForWard} />
      <View className='card'>
        <DateRange mode='month' from={range.from} to={range.to} onChange={changeRange} />
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {!data && !error ? <Text className='muted'>{c.loadingMore}</Text> : null}
      {data ? (
        <View className='card' ariaLabel={c.summaryTitle}>
          <Heading level={2}>{c.summaryTitle}</Heading>
          <Text className='summary-line'>{fill(c.paidMonths, { n: data.summary.paidMonths })}</Text>
          {gapSpans.length === 0 ? (
            <Text className='summary-line'>{c.noGaps}</Text>
          ) : (
            <View>
              <Text className='summary-line gap-line'>{fill(c.gapCount, { n: data.summary.gapMonths.length })}</Text>
              {gapSpans.map((s) => (
                <Text key={s.from} className='gap-line'>
                  ✕ {fill(c.gapSpan, { from: s.from, to: s.to, n: s.months })}
                </Text>
              ))}
            </View>
          )}
          <Text className='summary-line'>
            {c.personalTotal} {formatFen(data.summary.personalTotalFen)} · {c.employerTotal} {formatFen(data.summary.employerTotalFen)}
          </Text>
        </View>
      ) : null}
      {data && data.items.length === 0 ? (
        <View className='card'>
          <Text>{t.records.empty}</Text>
        </View>
      ) : null}
      {data && grids.length > 0 ? (
        <View className='card'>
          <Heading level={2}>{c.title}</Heading>
          <Text className='muted'>{c.hint}</Text>
          <ContributionGrid grids={grids} />
        </View>
      ) : null}
      {data && data.items.length > 0 ? (
        <View className='card'>
          <Button className='btn btn-plain' onClick={() => setShowTable(!showTable)} ariaLabel={showTable ? c.hideTable : c.showTable}>
            {showTable ? c.hideTable : c.showTable}
          </Button>
          {showTable ? <ContributionTable items={data.items} /> : null}
        </View>
      ) : null}
      <Button className='btn btn-primary' onClick={toProof} ariaLabel={c.toProof}>
        {c.toProof}
      </Button>
      <Button className='btn btn-plain' onClick={() => Taro.navigateBack()} ariaLabel={t.common.back}>
        {t.common.back}
      </Button>
    </PageShell>
  );
}

/** The chart's text alternative: one row per payment, newest first, as HRSS answered them. */
function ContributionTable({ items }: { items: ContributionMonth[] }) {
  const { t } = useSettings();
  const c = t.records.chart;
  const cols = [c.colMonth, c.colStatus, c.colBase, c.colPersonal, c.colEmployer];
  return (
    <View className='table' ariaRole='table' ariaLabel={c.tableTitle}>
      <View className='table-row table-head' ariaRole='row'>
        {cols.map((h) => (
          <View key={h} className='table-cell' ariaRole='columnheader'>
            {h}
          </View>
        ))}
      </View>
      {items.map((m) => {
        const cells = [
          m.month + (m.coverageMonths > 1 ? fill(c.coverage, { n: m.coverageMonths }) : ''),
          `${m.status === 'paid' ? c.paid : c.backPaid} · ${t.records.values.scheme[m.scheme]}${m.unitName ? ` · ${m.unitName}` : ''}`,
          formatFen(m.baseFen),
          formatFen(m.personalFen),
          formatFen(m.employerFen),
        ];
        return (
          <View key={`${m.month}-${m.status}-${m.unitName ?? ''}`} className='table-row' ariaRole='row'>
            {cells.map((v, i) => (
              <View key={i} className='table-cell' ariaRole='cell'>
                <Text className='table-cell-label'>{cols[i]}</Text>
                <Text>{v}</Text>
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
