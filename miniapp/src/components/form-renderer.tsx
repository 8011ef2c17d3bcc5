import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import {
  FORM_PROBLEMS,
  fenToYuanString,
  parseYuanToFen,
  validateForm,
  type AttachmentSpec,
  type BusinessItem,
  type FieldProblem,
  type FormField,
  type FormValue,
  type FormValues,
} from '@qdssc/shared';
import { useSettings } from '../state/settings';
import './form-renderer.scss';

// Buttons get `disabled` only when true: Taro H5 renders disabled="false" as an attribute, which
// its own stylesheet (and ours) treat as disabled.

/**
 * The one renderer of every business item's form (described in @qdssc/shared): each field by
 * its type, the documents each slot wants, and the same validation the BFF runs — so a mistake
 * is pointed at on the phone before anything is sent. Problems the BFF finds anyway
 * (`serverProblems`) are shown the same way. Uploading is the page's job (`onAddDocument`).
 */

export interface RenderedDocument {
  id: string;
  type: string;
  sizeBytes: number;
}

export interface FormRendererProps {
  item: BusinessItem;
  initialValues?: Partial<FormValues>;
  /** Uploaded documents per slot. */
  documents: Record<string, RenderedDocument[]>;
  onAddDocument(slot: AttachmentSpec): void;
  onRemoveDocument(slot: AttachmentSpec, id: string): void;
  /** Called with the normalized answers once they pass validation and every required slot has a document. */
  onSubmit(values: FormValues): void;
  serverProblems?: FieldProblem[];
  uploadingSlot?: string | null;
  submitting?: boolean;
}

type Draft = Record<string, FormValue | undefined>;

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MB ? `${Math.round(bytes / MB)}MB` : `${Math.round(bytes / 1024)}KB`);

export function FormRenderer(props: FormRendererProps) {
  const { item, documents } = props;
  const { t, settings } = useSettings();
  const lang = settings.lang;
  const [draft, setDraft] = useState<Draft>(() => ({ ...props.initialValues }));
  // What the person typed into money fields, kept as typed (e.g. "12.5") while the value is fen.
  const [moneyText, setMoneyText] = useState<Record<string, string>>(() =>
    Object.fromEntries(item.fields.filter((f) => f.type === 'money' && typeof props.initialValues?.[f.name] === 'number').map((f) => [f.name, fenToYuanString(props.initialValues![f.name] as number)])),
  );
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [missingSlots, setMissingSlots] = useState<string[]>([]);
  const [tried, setTried] = useState(false);

  const shown = useMemo(() => {
    const byField = new Map<string, string>();
    for (const p of [...(props.serverProblems ?? []), ...problems]) byField.set(p.field.replace(/^form\./, ''), p.problem);
    return byField;
  }, [problems, props.serverProblems]);

  const set = (name: string, value: FormValue | undefined) => {
    setDraft((d) => ({ ...d, [name]: value }));
    if (tried) setProblems((ps) => ps.filter((p) => p.field !== name));
  };

  const submit = () => {
    setTried(true);
    const values = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && v !== '')) as FormValues;
    const check = validateForm(item, values, new Date());
    const missing = item.attachments.filter((a) => a.required && !(documents[a.slot]?.length)).map((a) => a.slot);
    setMissingSlots(missing);
    if (!check.ok) {
      setProblems(check.problems);
      return;
    }
    setProblems([]);
    if (missing.length === 0) props.onSubmit(check.values);
  };

  const problemCount = shown.size + missingSlots.length;

  return (
    <View className='form-renderer'>
      {tried && problemCount > 0 ? (
        <View className='notice' ariaRole='alert'>
          <Text>{fill(t.business.fixBelow, { count: problemCount })}</Text>
        </View>
      ) : null}

      <View className='card'>
        {item.fields.map((f) => (
          <FieldRow key={f.name} field={f} value={draft[f.name]} moneyText={moneyText[f.name]} problem={shown.get(f.name)} lang={lang}
            onChange={(v) => set(f.name, v)}
            onMoneyText={(text) => {
              setMoneyText((m) => ({ ...m, [f.name]: text }));
              const fen = parseYuanToFen(text);
              set(f.name, text.trim() === '' ? undefined : (fen ?? text));
            }}
          />
        ))}
      </View>

      {item.attachments.length ? (
        <View className='card'>
          <Text className='subtitle'>{t.business.documents}</Text>
          {item.attachments.map((slot) => {
            const docs = documents[slot.slot] ?? [];
            const missing = missingSlots.includes(slot.slot) && docs.length === 0;
            const label = slot.label[lang];
            return (
              <View key={slot.slot} className={`form-field${missing ? ' form-field-invalid' : ''}`} data-slot={slot.slot}>
                <Text className='form-label'>
                  {label} <Text className='muted'>{slot.required ? t.business.required : t.business.optional}</Text>
                </Text>
                <Text className='muted'>
                  {fill(t.business.documentsHint, { size: size(slot.maxBytes) })} · {fill(t.business.documentCount, { count: docs.length, max: slot.maxCount })}
                </Text>
                {docs.map((d, i) => (
                  <View key={d.id} className='row'>
                    <Text>{`${label} ${i + 1} · ${d.type.toUpperCase()} · ${size(d.sizeBytes)}`}</Text>
                    <Button className='btn btn-plain doc-remove' onClick={() => props.onRemoveDocument(slot, d.id)} ariaLabel={`${t.business.removeDocument} ${label} ${i + 1}`}>
                      {t.business.removeDocument}
                    </Button>
                  </View>
                ))}
                {docs.length < slot.maxCount ? (
                  <Button className='btn btn-secondary' disabled={props.uploadingSlot === slot.slot || undefined} onClick={() => props.onAddDocument(slot)} ariaLabel={`${t.business.addDocument}：${label}`}>
                    {props.uploadingSlot === slot.slot ? t.business.uploading : t.business.addDocument}
                  </Button>
                ) : null}
                {missing ? (
                  <View className='form-problem' ariaRole='alert'>
                    {t.business.documentMissing}
                  </View>
                ) : null}
              </View>
            );
          })}
        </View>
      ) : null}

      <Button className='btn btn-primary' disabled={props.submitting || undefined} onClick={submit} ariaLabel={t.business.submit}>
        {props.submitting ? t.business.submitting : t.business.submit}
      </Button>
    </View>
  );
}

interface FieldRowProps {
  field: FormField;
  value: FormValue | undefined;
  moneyText?: string;
  problem?: string;
  lang: 'zh' | 'en';
  onChange(v: FormValue | undefined): void;
  onMoneyText(text: string): void;
}

function FieldRow({ field: f, value, moneyText, problem, lang, onChange, onMoneyText }: FieldRowProps) {
  const { t } = useSettings();
  const label = f.label[lang];
  const message = problem ? (FORM_PROBLEMS as Record<string, { zh: string; en: string }>)[problem]?.[lang] ?? problem : null;
  const str = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  const a11y = `${label}${f.required ? `（${t.business.required}）` : ''}`;

  let control;
  switch (f.type) {
    case 'textarea':
      control = <Textarea className='form-input' value={str} maxlength={f.maxLength} onInput={(e) => onChange(e.detail.value)} ariaLabel={a11y} />;
      break;
    case 'date':
    case 'month': {
      const isMonth = f.type === 'month';
      control = (
        <Picker mode='date' fields={isMonth ? 'month' : 'day'} value={str} onChange={(e) => onChange(String(e.detail.value))} aria-label={a11y}>
          <View className='form-input form-picker' ariaRole='button' ariaLabel={`${a11y} ${str || ''}`.trim()}>
            <Text className={str ? '' : 'muted'}>{str || (isMonth ? t.business.chooseMonth : t.business.chooseDate)}</Text>
          </View>
        </Picker>
      );
      break;
    }
    case 'money':
      control = (
        <View className='form-money'>
          <Input className='form-input' type='digit' value={moneyText ?? (typeof value === 'number' ? fenToYuanString(value) : str)} onInput={(e) => onMoneyText(e.detail.value)} ariaLabel={a11y} />
          <Text>{t.business.yuan}</Text>
        </View>
      );
      break;
    case 'select':
      control = (
        <View className='form-options' ariaRole='radiogroup' ariaLabel={a11y}>
          {f.options.map((o) => (
            <View key={o.value} className={`form-option${value === o.value ? ' form-option-on' : ''}`} ariaRole='radio' aria-checked={value === o.value} ariaLabel={o.label[lang]} onClick={() => onChange(o.value)}>
              <Text>{o.label[lang]}</Text>
            </View>
          ))}
        </View>
      );
      break;
    case 'consent':
      control = (
        <View className={`form-consent${value === true ? ' form-option-on' : ''}`} ariaRole='checkbox' aria-checked={value === true} ariaLabel={label} onClick={() => onChange(value === true ? false : true)}>
          <Text>{value === true ? '☑' : '☐'} </Text>
          <Text>{value === true ? t.business.consentOn : t.business.consentOff}</Text>
        </View>
      );
      break;
    default:
      control = (
        <Input
          className='form-input'
          type={f.type === 'idNumber' ? 'idcard' : f.type === 'phone' || f.type === 'integer' ? 'number' : 'text'}
          value={str}
          maxlength={f.type === 'text' ? f.maxLength : f.type === 'creditCode' || f.type === 'idNumber' ? 18 : f.type === 'phone' ? 13 : undefined}
          onInput={(e) => onChange(f.type === 'creditCode' ? e.detail.value.toUpperCase() : e.detail.value)}
          ariaLabel={a11y}
        />
      );
  }

  return (
    <View className={`form-field${message ? ' form-field-invalid' : ''}`} data-field={f.name}>
      {f.type === 'consent' ? null : (
        <Text className='form-label'>
          {label} {f.required ? null : <Text className='muted'>{t.business.optional}</Text>}
        </Text>
      )}
      {f.type === 'consent' ? <Text className='form-label'>{label}</Text> : null}
      {control}
      {f.hint ? <Text className='muted'>{f.hint[lang]}</Text> : null}
      {f.type === 'integer' && f.unit ? <Text className='muted'>{f.unit[lang]}</Text> : null}
      {message ? (
        <View className='form-problem' ariaRole='alert'>
          {message}
        </View>
      ) : null}
    </View>
  );
}
