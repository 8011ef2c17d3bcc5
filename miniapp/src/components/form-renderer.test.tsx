import { fireEvent, render, screen, within } from '@testing-library/react';
import { answer, fieldBox } from '../../test/form-answers';
import Taro from '@tarojs/taro';
import { BUSINESS_ITEMS, businessItem, validateForm, type BusinessItem } from '@qdssc/shared';
import { goodForm } from '../../../shared/src/business/form-samples';
import { updateSettings } from '../state/settings';
import { FormRenderer, type RenderedDocument } from './form-renderer';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
});

const pdf = (id: string): RenderedDocument => ({ id, type: 'pdf', sizeBytes: 120_000 });

/** One document in every slot (required or not), as if uploaded already. */
function allDocuments(item: BusinessItem): Record<string, RenderedDocument[]> {
  return Object.fromEntries(item.attachments.map((a) => [a.slot, [pdf(`${a.slot}-1`)]]));
}

function setup(item: BusinessItem, documents: Record<string, RenderedDocument[]> = allDocuments(item), extra: Partial<Parameters<typeof FormRenderer>[0]> = {}) {
  const onSubmit = jest.fn();
  const onAddDocument = jest.fn();
  const onRemoveDocument = jest.fn();
  const view = render(<FormRenderer item={item} documents={documents} onSubmit={onSubmit} onAddDocument={onAddDocument} onRemoveDocument={onRemoveDocument} {...extra} />);
  return { ...view, onSubmit, onAddDocument, onRemoveDocument };
}

describe.each(BUSINESS_ITEMS.map((i) => [i.id, i] as const))('the form renderer with %s', (_id, item) => {
  it('draws a labelled control for every field and a place for every document', () => {
    const { container } = setup(item, {});
    for (const f of item.fields) {
      const box = fieldBox(container, f.name);
      expect([f.name, Boolean(box)]).toEqual([f.name, true]);
      expect(box.textContent).toContain(f.label.zh);
    }
    for (const a of item.attachments) expect(screen.getByRole('button', { name: `上传材料：${a.label.zh}` })).toBeTruthy();
  });

  it('sends exactly what the BFF will accept once every answer is filled in', () => {
    const { container, onSubmit } = setup(item);
    const good = goodForm(item);
    for (const f of item.fields) answer(container, f, good[f.name]);
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    const expected = validateForm(item, good);
    expect(expected.ok).toBe(true);
    expect(onSubmit).toHaveBeenCalledWith(expected.ok ? expected.values : null);
  });

  it('points at every missing required answer and document instead of sending', () => {
    const { container, onSubmit } = setup(item, {});
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const required = item.fields.filter((f) => f.required);
    for (const f of required) expect([f.name, within(fieldBox(container, f.name)).queryByRole('alert')?.textContent]).toEqual([f.name, f.type === 'consent' ? '请阅读并勾选承诺' : '此项必填']);
    const slots = item.attachments.filter((a) => a.required).length;
    expect(screen.getByText(`有 ${required.length + slots} 项需要修改，请查看标红的内容`)).toBeTruthy();
  });
});

describe('the form renderer', () => {
  const mediation = businessItem('dispute-mediation')!;

  it('turns yuan typed by a person into fen, and refuses more than two decimals', () => {
    const { container, onSubmit } = setup(mediation);
    const good = goodForm(mediation);
    for (const f of mediation.fields) answer(container, f, good[f.name]);
    fireEvent.change(fieldBox(container, 'claimFen').querySelector('input')!, { target: { value: '12.345' } });
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(within(fieldBox(container, 'claimFen')).getByRole('alert').textContent).toBe('金额有误：最多两位小数');
    fireEvent.change(fieldBox(container, 'claimFen').querySelector('input')!, { target: { value: '8,600.5' } });
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(onSubmit.mock.calls[0][0].claimFen).toBe(860_050);
  });

  it('asks for the spouse only once “married” is chosen', () => {
    const item = businessItem('talent-apartment')!;
    const { container, onSubmit } = setup(item);
    const good = goodForm(item);
    for (const f of item.fields.filter((x) => !x.name.startsWith('spouse'))) answer(container, f, good[f.name]);
    fireEvent.click(within(fieldBox(container, 'married')).getByRole('radio', { name: '是' }));
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(within(fieldBox(container, 'spouseIdNumber')).getByRole('alert').textContent).toBe('此项必填');
    fireEvent.click(within(fieldBox(container, 'married')).getByRole('radio', { name: '否' }));
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('shows the BFF’s problems at their fields', () => {
    const { container } = setup(mediation, allDocuments(mediation), { serverProblems: [{ field: 'form.respondentCreditCode', problem: 'CREDIT_CODE_INVALID' }] });
    expect(within(fieldBox(container, 'respondentCreditCode')).getByRole('alert').textContent).toBe('统一社会信用代码有误（18位）');
  });

  it('asks the page to upload or remove a document, and stops offering uploads at the slot’s limit', () => {
    const item = businessItem('startup-subsidy')!;
    const { onAddDocument, onRemoveDocument } = setup(item, { licence: [pdf('l1')] });
    expect(screen.queryByRole('button', { name: '上传材料：营业执照' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '删除 营业执照 1' }));
    expect(onRemoveDocument).toHaveBeenCalledWith(expect.objectContaining({ slot: 'licence' }), 'l1');
    fireEvent.click(screen.getByRole('button', { name: '上传材料：经营场所租赁合同' }));
    expect(onAddDocument).toHaveBeenCalledWith(expect.objectContaining({ slot: 'lease' }));
    expect(screen.getByText(/已上传 0 \/ 最多 3 个/)).toBeTruthy();
  });

  it('marks a missing required document and does not send', () => {
    const { container, onSubmit } = setup(mediation, {});
    const good = goodForm(mediation);
    for (const f of mediation.fields) answer(container, f, good[f.name]);
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(within(container.querySelector('[data-slot="evidence"]') as HTMLElement).getByRole('alert').textContent).toBe('请上传此项材料');
  });

  it('speaks English when the interface does, labels and problems alike', () => {
    updateSettings({ lang: 'en' });
    const { container } = setup(mediation, {});
    expect(fieldBox(container, 'respondentName').textContent).toContain('Employer');
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(within(fieldBox(container, 'facts')).getByRole('alert').textContent).toBe('This is required');
  });
});
