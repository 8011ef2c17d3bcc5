import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { fill } from '../../../i18n/fill';
import { recordsService } from '../../../services/records.service';
import { useSettings } from '../../../state/settings';
import { DateRange } from '../date-range';
import { chinaTime, DATED_KINDS, isListKind, kindKey, showRecord, type ListKind } from '../record-format';
import { WardSwitch } from '../../../components/ward-switch';
import '../records.scss';

const PAGE_SIZE = 10;

interface Loaded {
  items: unknown[];
  page: number;
  total: number;
  asOf: string;
}

/**
 * One record kind (`?kind=insurance|employment|training|qualifications|skill-levels|startup-loans`,
 * `&for=<ward>`), a page at a time, narrowed by a date range at the source where the kind has dates.
 */
export default function RecordListPage() {
  const { t } = useSettings();
  const { params } = useRouter();
  const kind: ListKind = isListKind(params.kind) ? params.kind : 'insurance';
  const title = t.records.kinds[kindKey(kind)];
  const [forWard, setForWard] = useState<string | undefined>(params.for || undefined);
  const [range, setRange] = useState({ from: '', to: '' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const query = { for: forWard, page, pageSize: PAGE_SIZE, from: range.from || undefined, to: range.to || undefined };
      setData((await recordsService[kindKey(kind)](query)) as Loaded);
    } catch (e) {
      setData(null);
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, forWard, range.from, range.to, page]);

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <PageShell label={title}>
      <View className='card'>
        <Heading>{title}</Heading>
        {data ? <Text className='muted'>{fill(t.records.asOf, { time: chinaTime(data.asOf) })}</Text> : null}
      </View>
      <WardSwitch value={forWard} onChange={(w) => { setForWard(w); setPage(1); }} />
      {DATED_KINDS.has(kind) ? (
        <View className='card'>
          <DateRange mode='day' from={range.from} to={range.to} onChange={(from, to) => { if (from && to && from > to) return; setRange({ from, to }); setPage(1); }} />
        </View>
      ) : null}
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {!data && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
      {data && data.items.length === 0 ? (
        <View className='card'>
          <Text>{t.records.empty}</Text>
        </View>
      ) : null}
      {data?.items.map((item, i) => {
        const shown = showRecord(kind, item, t);
        return (
          <View key={i} className='card record-card' ariaRole='article' ariaLabel={shown.tag ? `${shown.title} ${shown.tag}` : shown.title}>
            <View className='row'>
              <Text className='subtitle'>{shown.title}</Text>
              {shown.tag ? <Text className='record-tag'>{shown.tag}</Text> : null}
            </View>
            {shown.rows.map(([label, value]) => (
              <View key={label} className='row'>
                <Text className='record-label'>{label}</Text>
                <Text className='record-value'>{value}</Text>
              </View>
            ))}
          </View>
        );
      })}
      {data && data.total > PAGE_SIZE ? (
        <View className='card pager'>
          <Button className='btn btn-plain' disabled={busy || page <= 1} onClick={() => setPage(page - 1)} ariaLabel={t.records.prev}>
            {t.records.prev}
          </Button>
          <View className='muted' ariaRole='status'>{fill(t.records.pageOf, { page, pages, total: data.total })}</View>
          <Button className='btn btn-plain' disabled={busy || page >= pages} onClick={() => setPage(page + 1)} ariaLabel={t.records.next}>
            {t.records.next}
          </Button>
        </View>
      ) : null}
      <Button className='btn btn-plain' onClick={() => Taro.navigateBack()} ariaLabel={t.common.back}>
        {t.common.back}
      </Button>
    </PageShell>
  );
}
