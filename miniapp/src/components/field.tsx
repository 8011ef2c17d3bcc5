import { Input, Picker, Text, View } from '@tarojs/components';

/** A labelled text input with its problem shown under it (and read out with the label). */
export function Field(props: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  password?: boolean;
  maxlength?: number;
  error?: string | null;
  name?: string;
}) {
  return (
    <View className='field'>
      <Text className='field-label'>{props.label}</Text>
      <Input
        className='field-input'
        name={props.name}
        type={props.type ?? 'text'}
        password={props.password}
        maxlength={props.maxlength ?? 64}
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
        ariaLabel={props.error ? `${props.label}: ${props.error}` : props.label}
      />
      {props.error ? (
        <View className='field-error' ariaRole='alert'>
          {props.error}
        </View>
      ) : null}
    </View>
  );
}

/** A labelled choice among fixed options (a native picker on the hosts). */
export function Choice<K extends string>(props: { label: string; options: ReadonlyArray<{ key: K; label: string }>; value: K; onChange: (k: K) => void }) {
  const index = Math.max(0, props.options.findIndex((o) => o.key === props.value));
  return (
    <View className='field'>
      <Text className='field-label'>{props.label}</Text>
      <Picker mode='selector' range={props.options.map((o) => o.label)} value={index} onChange={(e) => props.onChange(props.options[Number(e.detail.value)].key)}>
        <View className='field-input' ariaRole='button' ariaLabel={`${props.label}: ${props.options[index].label}`} style={{ display: 'flex', alignItems: 'center' }}>
          {props.options[index].label}
        </View>
      </Picker>
    </View>
  );
}
