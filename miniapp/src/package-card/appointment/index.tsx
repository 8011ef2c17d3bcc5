import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { CARD_TEMPORARY_REASONS, cardWhatToBring, type CardAppointmentView, type CardHalfDay, type CardSlot, type CardTemporaryReason, type NearbyBranch } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { SubscribeButton } from '../../components/subscribe-button';
import { fmt } from '../../i18n';
import { branchesService } from '../../services/branches.service';
import { cardService } from '../../services/card.service';
import { newOperationId } from '../../services/ecard.service';
import { useSettings } from '../../state/settings';
import '../../styles/card.scss';

/** Qingdao's city centre (GCJ-02): branches are listed nearest to it; the 网点 tab uses the resident's position. */
const CENTRE = { lat: 36.0671, lng: 120.3826 };

/** Who may ask for a temporary card / instant card-making, what to bring, and booking a half-day slot. */
export default function AppointmentPage() {
  const { t } = useSettings();
  const a = t.card.appointment;
  const [reason, setReason] = useState<CardTemporaryReason>('working_away');
  const [branches, setBranches] = useState<NearbyBranch[]>([]);
  const [branchId, setBranchId] = useState<string | null>(null);
  const [slots, setSlots] = useState<CardSlot[]>([]);
  const [chosen, setChosen] = useState<{ date: string; halfDay: CardHalfDay } | null>(null);
  const [mine, setMine] = useState<CardAppointmentView[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const [operationId, setOperationId] = useState(newOperationId);

  const loadMine = useCallback(async () => {
    try {
      setMine(await cardService.appointments());
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);

  useEffect(() => {
    void loadMine();
    branchesService
      .nearby({ ...CENTRE, service: 'instant_card', limit: 30, radius: 300_000 })
      .then((r) => setBranches(r.branches))
      .catch((e) => setError(e as ShownError));
  }, [loadMine]);

  useEffect(() => {
    if (!branchId) return;
    setChosen(null);
    cardService
      .slots(branchId)
      .then((r) => setSlots(r.slots))
      .catch((e) => setError(e as ShownError));
  }, [branchId]);

  const active = mine.find((m) => m.status === 'booked') ?? null;

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await Taro.showToast({ title: a.booked, icon: 'success' });
      setOperationId(newOperationId());
      await loadMine();
      if (branchId) setSlots((await cardService.slots(branchId)).slots);
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };
  const book = () => run(() => cardService.book({ operationId, branchId: branchId!, date: chosen!.date, halfDay: chosen!.halfDay, reason }));
  const reschedule = () => run(() => cardService.reschedule(active!.id, { branchId: branchId!, date: chosen!.date, halfDay: chosen!.halfDay }));
  const cancel = () => run(() => cardService.cancelAppointment(active!.id));

  return (
    <PageShell label={a.title}>
      <View className='card'>
        <Heading>{a.title}</Heading>
        <Heading level={2}>{a.whoTitle}</Heading>
        {CARD_TEMPORARY_REASONS.map((r) => (
          <Text key={r} style={{ display: 'block' }}>
            · {a.reasons[r]}
          </Text>
        ))}
      </View>

      <View className='card'>
        <Text className='field-label'>{a.reasonLabel}</Text>
        <Picker mode='selector' range={CARD_TEMPORARY_REASONS.map((r) => a.reasons[r])} value={CARD_TEMPORARY_REASONS.indexOf(reason)} onChange={(e) => setReason(CARD_TEMPORARY_REASONS[Number(e.detail.value)])}>
          <View className='field-input' ariaRole='button' ariaLabel={`${a.reasonLabel}: ${a.reasons[reason]}`}>
            {a.reasons[reason]}
          </View>
        </Picker>
        <Heading level={2}>{a.bringTitle}</Heading>
        {cardWhatToBring(reason).map((b) => (
          <Text key={b} style={{ display: 'block' }}>
            · {a.bring[b]}
          </Text>
        ))}
      </View>

      <View className='card'>
        <Heading level={2}>{a.mineTitle}</Heading>
        {mine.length === 0 ? <Text className='muted'>{a.mineEmpty}</Text> : null}
        {mine.map((m) => (
          <View key={m.id} className='row'>
            <Text>
              {m.date} {a.halfDays[m.halfDay]} · {m.branchName} · {a.statuses[m.status]}
            </Text>
          </View>
        ))}
        {active ? (
          <Button className='btn btn-plain' disabled={busy} onClick={cancel} ariaLabel={a.cancel}>
            {a.cancel}
          </Button>
        ) : null}
      </View>

      <View className='card'>
        <Text className='field-label'>{a.branchLabel}</Text>
        <Picker mode='selector' range={branches.map((b) => `${b.name}（${b.district}）`)} onChange={(e) => setBranchId(branches[Number(e.detail.value)]?.id ?? null)}>
          <View className='field-input' ariaRole='button' ariaLabel={`${a.branchLabel}: ${branches.find((b) => b.id === branchId)?.name ?? a.chooseBranch}`}>
            {branches.find((b) => b.id === branchId)?.name ?? a.chooseBranch}
          </View>
        </Picker>
        {branchId ? <Text className='field-label'>{a.slotLabel}</Text> : null}
        <View className='slot-grid'>
          {slots.map((s) => {
            const selected = chosen?.date === s.date && chosen?.halfDay === s.halfDay;
            const label = `${s.date.slice(5)} ${a.halfDays[s.halfDay]} ${s.available ? fmt(a.left, { n: s.available }) : a.full}`;
            return (
              <Button key={`${s.date}-${s.halfDay}`} className={`btn slot ${selected ? 'btn-primary' : 'btn-plain'}`} disabled={!s.available} onClick={() => setChosen({ date: s.date, halfDay: s.halfDay })} ariaLabel={label}>
                {label}
              </Button>
            );
          })}
        </View>
        {active ? (
          <Button className='btn btn-primary' disabled={busy || !chosen} onClick={reschedule} ariaLabel={a.reschedule}>
            {a.reschedule}
          </Button>
        ) : (
          <Button className='btn btn-primary' disabled={busy || !chosen} onClick={book} ariaLabel={a.book}>
            {a.book}
          </Button>
        )}
      </View>
      {active ? <SubscribeButton topics={['appointment']} /> : null}
      {error ? <ErrorPanel error={error} operation='card.appointment' /> : null}
    </PageShell>
  );
}
