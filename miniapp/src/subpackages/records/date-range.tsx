import { Picker, Text, View } from '@tarojs/components';
import { useSettings } from '../../state/settings';

/** Two date (or month) pickers for a range at the source; empty means "any". */
export function DateRange(props: { mode: 'day' | 'month'; from: string; to: string; onChange: (from: string, to: string) => void }) {
  const { t } = useSettings();
  const r = t.records;
  const one = (label: string, value: string, set: (v: string) => void, name: string) => (
    <View className='field' data-field={name}>
      <Text className='field-label'>{label}</Text>
      <Picker mode='date' fields={props.mode} value={value} onChange={(e) => set(String(e.detail.value))} aria-label={label}>
        <View className='field-input form-picker' ariaRole='button' ariaLabel={`${label} ${value || r.any}`}>
          <Text className={value ? '' : 'muted'}>{value || r.any}</Text>
        </View>
      </Picker>
    </View>
  );
  const isMonth = props.mode === 'month';
  return (
    <View>
      <View className='filter-row'>
        {one(isMonth ? r.fromMonth : r.from, props.from, (v) => props.onChange(v, props.to), 'from')}
        {one(isMonth ? r.toMonth : r.to, props.to, (v) => props.onChange(props.from, v), 'to')}
      </View>
      {!isMonth && (props.from || props.to) ? (
        <View className='btn btn-plain' ariaRole='button' ariaLabel={r.clearDates} onClick={() => props.onChange('', '')}>
          {r.clearDates}
        </View>
      ) : null}
    </View>
  );
}
