import React from 'react';

/**
 * DOM stand-ins for Taro's components with the props our pages use: className, style, aria
 * (`ariaLabel` → aria-label, `ariaRole` → role), data-*, and the events (onClick → tap, onInput,
 * onChange with `{detail: {value}}` as the hosts send it).
 */
type Props = Record<string, any> & { children?: React.ReactNode };

function domProps(p: Props) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'ariaLabel') out['aria-label'] = v;
    else if (k === 'ariaRole') out.role = v;
    else if (k === 'className' || k === 'style' || k === 'id' || k === 'lang' || k.startsWith('data-') || k.startsWith('aria-')) out[k] = v;
  }
  return out;
}

export const View = ({ children, onClick, ...p }: Props) => <div {...domProps(p)} onClick={onClick}>{children}</div>;
export const Text = ({ children, onClick, ...p }: Props) => <span {...domProps(p)} onClick={onClick}>{children}</span>;
export const Block = ({ children }: Props) => <>{children}</>;
export const ScrollView = View;
export const Label = View;
export const Form = View;
export const Swiper = View;
export const SwiperItem = View;
export const CoverView = View;
export const Button = ({ children, onClick, disabled, loading: _l, size: _s, type: _t, openType: _o, ...p }: Props) => (
  <button type='button' {...domProps(p)} disabled={Boolean(disabled)} onClick={onClick}>
    {children}
  </button>
);
export const Switch = ({ checked, onChange, color: _c, ...p }: Props) => (
  <input type='checkbox' role='switch' {...domProps(p)} checked={Boolean(checked)} onChange={(e) => onChange?.({ detail: { value: e.target.checked } })} />
);
export const Input = ({ value, onInput, onConfirm, placeholder, type, password, maxlength, ...p }: Props) => (
  <input
    {...domProps(p)}
    value={value ?? ''}
    placeholder={placeholder}
    type={password ? 'password' : type === 'number' || type === 'digit' || type === 'idcard' ? 'text' : (type ?? 'text')}
    maxLength={maxlength}
    onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    onKeyDown={(e) => e.key === 'Enter' && onConfirm?.({ detail: { value: (e.target as HTMLInputElement).value } })}
  />
);
export const Textarea = ({ value, onInput, placeholder, maxlength, ...p }: Props) => (
  <textarea {...domProps(p)} value={value ?? ''} placeholder={placeholder} maxLength={maxlength} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />
);
// Date and month pickers: a native input answering `{detail: {value: 'YYYY-MM-DD' | 'YYYY-MM'}}` as the hosts do.
// Selector pickers: the hosts show the children as the picker's face; a <select> cannot hold them, so they follow it.
export const Picker = ({ children, range, value, onChange, mode, fields, ...p }: Props) =>
  mode === 'date' ? (
    <span>
      {children}
      <input type={fields === 'month' ? 'month' : 'date'} {...domProps(p)} value={value ?? ''} onChange={(e) => onChange?.({ detail: { value: e.target.value } })} />
    </span>
  ) : (
    <>
      <select {...domProps(p)} value={value} onChange={(e) => onChange?.({ detail: { value: Number(e.target.value) } })}>
        {(range ?? []).map((r: unknown, i: number) => (
          <option key={i} value={i}>
            {typeof r === 'object' && r !== null ? String((r as Record<string, unknown>).label ?? JSON.stringify(r)) : String(r)}
          </option>
        ))}
      </select>
      {children}
    </>
  );
export const Image = ({ src, ...p }: Props) => <img {...domProps(p)} src={src} alt={p.ariaLabel ?? ''} />;
export const Canvas = (p: Props) => <canvas {...domProps(p)} />;
export const Map = (p: Props) => <div {...domProps(p)} data-testid='host-map' />;
export const Radio = ({ checked, value, children, ...p }: Props) => (
  <label {...domProps(p)}>
    <input type='radio' checked={Boolean(checked)} value={value} readOnly />
    {children}
  </label>
);
export const RadioGroup = ({ children, onChange, ...p }: Props) => (
  <div {...domProps(p)} onChange={(e) => onChange?.({ detail: { value: (e.target as HTMLInputElement).value } })}>
    {children}
  </div>
);
export const Checkbox = Radio;
export const CheckboxGroup = RadioGroup;
