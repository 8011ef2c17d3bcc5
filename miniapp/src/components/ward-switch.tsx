import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { FamilyMember } from '@qdssc/shared';
import { fill } from '../i18n/fill';
import { familyService } from '../services/family.service';
import { useSettings } from '../state/settings';
import './ward-switch.scss';

/**
 * Whose records a page shows: oneself or one of one's wards (亲情服务). The family list comes
 * from the family feature; without wards (or when it cannot be loaded) nothing is shown and the
 * page reads one's own records.
 */
export function WardSwitch({ value, onChange }: { value: string | undefined; onChange: (wardId: string | undefined) => void }) {
  const { t } = useSettings();
  const [members, setMembers] = useState<FamilyMember[]>([]);
  useEffect(() => {
    let live = true;
    familyService
      .list()
      .then((l) => live && setMembers(l.members))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (members.length === 0) return null;
  const options: Array<{ id: string | undefined; label: string }> = [
    { id: undefined, label: t.records.self },
    ...members.map((m) => ({ id: m.id, label: fill(t.records.ward, { name: m.ward.maskedName }) })),
  ];
  return (
    <View className='card ward-switch' ariaRole='radiogroup' ariaLabel={t.records.whose}>
      <Text className='field-label'>{t.records.whose}</Text>
      <View className='chip-row'>
        {options.map((o) => {
          const on = o.id === value;
          return (
            <View
              key={o.id ?? 'self'}
              className={`chip${on ? ' chip-on' : ''}`}
              ariaRole='radio'
              aria-checked={on}
              ariaLabel={`${t.records.whose}: ${o.label}`}
              onClick={() => onChange(o.id)}
            >
              {on ? '● ' : '○ '}
              {o.label}
            </View>
          );
        })}
      </View>
    </View>
  );
}
