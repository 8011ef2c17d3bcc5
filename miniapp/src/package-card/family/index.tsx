import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FamilyList } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { fmt } from '../../i18n';
import { familyService } from '../../services/family.service';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

/** 亲情服务: the guardian's children under 16, each with their e-card and its QR code. */
export default function FamilyPage() {
  const { t } = useSettings();
  const [list, setList] = useState<FamilyList | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const shownOnce = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setList(await familyService.list());
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (shownOnce.current) void load();
    shownOnce.current = true;
  });

  const remove = async (id: string) => {
    const ok = await Taro.showModal({ title: t.card.removeMember, content: t.card.removeConfirm });
    if (!ok.confirm) return;
    try {
      await familyService.remove(id);
      await load();
    } catch (e) {
      setError(e as ShownError);
    }
  };

  const full = list ? list.members.length >= list.limit : false;
  return (
    <PageShell label={t.card.familyTitle}>
      <View className='card'>
        <Heading>{t.card.familyTitle}</Heading>
        <Text className='muted'>{t.card.familyIntro}</Text>
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {list ? (
        <View className='card' ariaLabel={t.card.familyTitle}>
          {list.members.length === 0 ? <Text className='muted'>{t.card.familyEmpty}</Text> : null}
          {list.members.map((m) => (
            <View key={m.id} className='list-item' data-member={m.id}>
              <Text className='subtitle'>
                {m.ward.maskedName} · {t.card.relationships[m.relationship]}
              </Text>
              <Text className='muted' style={{ display: 'block' }}>
                {m.ward.maskedIdNumber} · {fmt(t.card.age, { n: m.ward.age })} · {fmt(t.card.turns16, { d: m.ward.turns16On })}
              </Text>
              {m.ecard ? (
                <View>
                  <Text className='badge badge-muted'>{t.card.levels[m.ecard.signLevel]}</Text>
                  {m.ecard.usable ? (
                    <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: `/pages/qrcode/index?ecardId=${m.ecard!.id}` })} ariaLabel={`${t.card.showQr} ${m.ward.maskedName}`}>
                      {t.card.showQr}
                    </Button>
                  ) : (
                    <Text className='muted'>{t.card.unusableTitle}</Text>
                  )}
                </View>
              ) : (
                <Text className='muted'>{t.card.noCard}</Text>
              )}
              <Button className='btn btn-plain' size='mini' onClick={() => remove(m.id)} ariaLabel={`${t.card.removeMember} ${m.ward.maskedName}`}>
                {t.card.removeMember}
              </Button>
            </View>
          ))}
          {list.agedOut.map((a) => (
            <View key={a.maskedName + a.turned16On} className='notice' style={{ marginTop: '12px' }}>
              <Text>{fmt(t.card.agedOut, { name: a.maskedName, d: a.turned16On })}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Button className='btn btn-secondary' disabled={full} onClick={() => Taro.navigateTo({ url: '/package-card/apply/index?for=child' })} ariaLabel={t.card.addMember}>
        {t.card.addMember}
      </Button>
    </PageShell>
  );
}
