import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDistance, HOTLINE_NUMBER, QINGDAO_DISTRICTS, type BranchFilters, type NearbyBranch, type NearbyResponse } from '@qdssc/shared';
import { ErrorPanel } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { fill } from '../../i18n/fill';
import { BranchMap } from '../../platform/branch-map';
import { getDevicePosition, navigateTo, openLocationSettings } from '../../platform/location';
import { branchesService } from '../../services/branches.service';
import { ApiError } from '../../services/http';
import { takeBranchPreset } from '../../state/branch-preset';
import { useSettings } from '../../state/settings';
import './index.scss';

type Origin =
  | { kind: 'device'; lat: number; lng: number; coord: 'gcj02' | 'wgs84' }
  | { kind: 'district'; code: string; name: string; lat: number; lng: number };

type LocationState = 'locating' | 'ready' | 'denied' | 'unavailable';

const LIMIT = 20;

/**
 * 网点: the partner-bank outlets nearest the resident, on the host's map (a drawn plot on H5),
 * sorted by distance, filtered by instant card-making, bank and opening now, with a call and a
 * navigation button each. Without a location the resident picks a district; every empty or
 * failed search says what to do next.
 */
export default function BranchesPage() {
  const { t, settings } = useSettings();
  const [location, setLocation] = useState<LocationState>('locating');
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [picking, setPicking] = useState(false);
  const [instantOnly, setInstantOnly] = useState(false);
  const [openNow, setOpenNow] = useState(false);
  const [bank, setBank] = useState<string | undefined>();
  const [filters, setFilters] = useState<BranchFilters | null>(null);
  const [result, setResult] = useState<NearbyResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<string>();
  const searchNo = useRef(0);

  const locate = useCallback(async () => {
    setLocation('locating');
    const p = await getDevicePosition();
    if (p.ok) {
      setOrigin({ kind: 'device', lat: p.lat, lng: p.lng, coord: p.coord });
      setLocation('ready');
      setPicking(false);
    } else {
      setLocation(p.reason);
      setPicking(true);
    }
  }, []);

  useEffect(() => {
    void locate();
    branchesService.filters().then(setFilters, () => undefined);
  }, [locate]);

  useDidShow(() => {
    if (takeBranchPreset()?.instantOnly) setInstantOnly(true);
  });

  const search = useCallback(async () => {
    if (!origin) return;
    const no = ++searchNo.current;
    setLoading(true);
    setError(null);
    try {
      const r = await branchesService.nearby({
        lat: origin.lat,
        lng: origin.lng,
        coord: origin.kind === 'device' ? origin.coord : 'gcj02',
        service: instantOnly ? 'instant_card' : undefined,
        bank,
        openNow: openNow || undefined,
        limit: LIMIT,
      });
      // A slower answer to an older search must not overwrite a newer one.
      if (no === searchNo.current) setResult(r);
    } catch (err) {
      if (no === searchNo.current) setError(err instanceof ApiError ? err : new ApiError('NETWORK_UNREACHABLE', String(err), 0));
    } finally {
      if (no === searchNo.current) setLoading(false);
    }
  }, [origin, instantOnly, bank, openNow]);

  useEffect(() => {
    void search();
  }, [search]);

  const chooseDistrict = (code: string) => {
    const d = QINGDAO_DISTRICTS.find((x) => x.code === code)!;
    setOrigin({ kind: 'district', code: d.code, name: d.name, lat: d.centre.lat, lng: d.centre.lng });
    setPicking(false);
  };

  const select = (id: string) => {
    setSelected(id);
    void Taro.pageScrollTo({ selector: `#branch-${id}`, duration: 200 }).catch(() => undefined);
  };

  const bf = t.branchFinder;
  const branches = result?.branches ?? [];
  const filtered = instantOnly || openNow || bank !== undefined;
  const originLabel = origin?.kind === 'district' ? fill(bf.chosenDistrict, { district: origin.name }) : bf.myLocation;

  return (
    <PageShell label={bf.title}>
      <View className='card'>
        <Heading>{bf.title}</Heading>
        {filters ? (
          <Text className='muted' style={{ display: 'block' }}>
            {fill(bf.summary, { banks: filters.totals.banks, outlets: filters.totals.outlets.toLocaleString('en'), instant: filters.totals.instant })}
          </Text>
        ) : null}
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/subpackages/guide/index' })} ariaLabel={bf.guideLink}>
          {bf.guideLink}
        </Button>
      </View>

      <View className='card'>
        <View className='row'>
          <Text>
            {bf.currentOrigin}：{location === 'locating' ? bf.locating : origin ? originLabel : '—'}
          </Text>
          <Button className={`chip${picking ? ' chip--on' : ''}`} onClick={() => setPicking(!picking)} ariaLabel={bf.chooseDistrict}>
            {bf.chooseDistrict}
          </Button>
        </View>
        {location === 'denied' || location === 'unavailable' ? (
          <View className='notice' ariaRole='alert'>
            <Text>{location === 'denied' ? bf.locationDenied : bf.locationUnavailable}</Text>
          </View>
        ) : null}
        {location === 'denied' && openLocationSettings ? (
          <Button
            className='btn btn-secondary'
            onClick={async () => {
              if (await openLocationSettings!().catch(() => false)) void locate();
            }}
            ariaLabel={bf.openSettings}
          >
            {bf.openSettings}
          </Button>
        ) : null}
        {origin?.kind === 'district' || location === 'unavailable' ? (
          <Button className='btn btn-plain' onClick={() => void locate()} ariaLabel={bf.relocate}>
            {bf.relocate}
          </Button>
        ) : null}
        {picking ? (
          <View className='district-picker' ariaRole='radiogroup' ariaLabel={bf.pickDistrictTitle}>
            <Text className='subtitle'>{bf.pickDistrictTitle}</Text>
            <View className='chips'>
              {QINGDAO_DISTRICTS.map((d) => (
                <Button
                  key={d.code}
                  className={`chip${origin?.kind === 'district' && origin.code === d.code ? ' chip--on' : ''}`}
                  onClick={() => chooseDistrict(d.code)}
                  ariaLabel={d.name}
                >
                  {d.name}
                </Button>
              ))}
            </View>
          </View>
        ) : null}
      </View>

      <View className='card filters'>
        <View className='row'>
          <Text>{bf.filterInstant}</Text>
          <Switch checked={instantOnly} onChange={(e) => setInstantOnly(e.detail.value)} ariaLabel={bf.filterInstant} color='#c8161d' />
        </View>
        <View className='row'>
          <Text>{bf.filterOpenNow}</Text>
          <Switch checked={openNow} onChange={(e) => setOpenNow(e.detail.value)} ariaLabel={bf.filterOpenNow} color='#c8161d' />
        </View>
        <Text className='muted' style={{ display: 'block', marginTop: '12px' }}>
          {bf.filterBank}
        </Text>
        <View className='chips' ariaRole='radiogroup' ariaLabel={bf.filterBank}>
          {[undefined, ...(filters?.banks.map((b) => b.name) ?? [])].map((name) => (
            <Button
              key={name ?? 'all'}
              className={`chip${bank === name ? ' chip--on' : ''}`}
              onClick={() => setBank(name)}
              ariaLabel={`${bf.filterBank}：${name ?? bf.allBanks}${bank === name ? '✓' : ''}`}
            >
              {name ?? bf.allBanks}
            </Button>
          ))}
        </View>
      </View>

      {error ? <ErrorPanel error={error} onRetry={() => void search()} operation='branches.nearby' category='branch' /> : null}

      {result && origin && branches.length ? (
        <BranchMap
          origin={result.origin}
          originIsDevice={origin.kind === 'device'}
          branches={branches}
          selectedId={selected}
          onSelect={select}
          label={bf.mapLabel}
        />
      ) : null}

      {loading && !result ? (
        <Text className='muted' style={{ display: 'block' }}>
          {bf.loading}
        </Text>
      ) : null}

      {result && !error && !branches.length ? (
        <View className='card' ariaRole='status'>
          <Text className='subtitle'>{bf.empty}</Text>
          <Text className='muted' style={{ display: 'block' }}>
            {bf.emptyHint}
          </Text>
          {filtered ? (
            <Button
              className='btn btn-secondary'
              onClick={() => {
                setInstantOnly(false);
                setOpenNow(false);
                setBank(undefined);
              }}
              ariaLabel={bf.clearFilters}
            >
              {bf.clearFilters}
            </Button>
          ) : null}
          <Button className='btn btn-plain' onClick={() => setPicking(true)} ariaLabel={bf.chooseDistrict}>
            {bf.chooseDistrict}
          </Button>
          <Button className='btn btn-plain' onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE_NUMBER })} ariaLabel={t.common.callHotline}>
            {t.common.callHotline}
          </Button>
        </View>
      ) : null}

      <View className='branch-list' ariaRole='list' ariaLabel={bf.listLabel}>
        {branches.map((b, i) => (
          <BranchCard key={b.id} branch={b} rank={i + 1} selected={b.id === selected} onSelect={() => setSelected(b.id)} />
        ))}
      </View>

      {branches.some((b) => b.synthetic) ? (
        <Text className='muted' style={{ display: 'block' }}>
          {bf.syntheticNote}
        </Text>
      ) : null}
      <Text className='muted' style={{ display: 'block', marginTop: '12px' }}>
        {bf.holidayNote} · {settings.lang === 'zh' ? '营业时间为北京时间' : 'Hours are Beijing time'}
      </Text>
    </PageShell>
  );
}

function BranchCard({ branch: b, rank, selected, onSelect }: { branch: NearbyBranch; rank: number; selected: boolean; onSelect: () => void }) {
  const { t, settings } = useSettings();
  const bf = t.branchFinder;
  const instant = b.services.includes('instant_card');
  return (
    <View id={`branch-${b.id}`} className={`card branch${selected ? ' branch--selected' : ''}`} ariaRole='listitem' onClick={onSelect}>
      <View className='branch__head'>
        <Text className={`branch__rank${instant ? ' branch__rank--instant' : ''}`}>{rank}</Text>
        <Text className='branch__name'>{b.name}</Text>
      </View>
      <View className='tags'>
        {b.synthetic ? <Text className='tag tag--synthetic'>{bf.synthetic}</Text> : null}
        {instant ? <Text className='tag tag--instant'>{bf.instant}</Text> : null}
        <Text className={`tag ${b.openNow ? 'tag--open' : 'tag--closed'}`}>{b.openNow ? bf.openNow : bf.closedNow}</Text>
      </View>
      <Text className='muted' style={{ display: 'block' }}>
        {b.bank} · {b.district} · {fill(bf.distance, { distance: formatDistance(b.distanceM, settings.lang) })}
      </Text>
      <Text style={{ display: 'block' }}>{b.address}</Text>
      <Text className='muted' style={{ display: 'block' }}>
        {bf.phone} {b.phone}
      </Text>
      <Text className='muted' style={{ display: 'block' }}>
        {fill(bf.hoursWeekday, { hours: b.hours.weekday })} · {b.hours.weekend ? fill(bf.hoursWeekend, { hours: b.hours.weekend }) : bf.weekendClosed}
      </Text>
      <View className='branch__actions'>
        <Button className='btn btn-secondary' onClick={() => Taro.makePhoneCall({ phoneNumber: b.phone })} ariaLabel={fill(bf.callLabel, { name: b.name, phone: b.phone })}>
          {bf.call}
        </Button>
        <Button className='btn btn-primary' onClick={() => navigateTo(b)} ariaLabel={fill(bf.navigateLabel, { name: b.name })}>
          {bf.navigate}
        </Button>
      </View>
    </View>
  );
}
