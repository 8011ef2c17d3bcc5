import { fireEvent, within } from '@testing-library/react';
import { fenToYuanString, type FormField, type FormValue } from '@qdssc/shared';

/** The box the form renderer draws for a field. */
export const fieldBox = (container: HTMLElement, name: string) => container.querySelector(`[data-field="${name}"]`) as HTMLElement;

/** Answers one field of the form renderer the way a person would: typing, tapping an option, picking a date. */
export function answer(container: HTMLElement, f: FormField, value: FormValue) {
  const box = fieldBox(container, f.name);
  switch (f.type) {
    case 'select':
      fireEvent.click(within(box).getByRole('radio', { name: f.options.find((o) => o.value === value)!.label.zh }));
      return;
    case 'consent':
      if (value === true) fireEvent.click(within(box).getByRole('checkbox'));
      return;
    case 'money':
      fireEvent.change(box.querySelector('input')!, { target: { value: fenToYuanString(value as number) } });
      return;
    case 'textarea':
      fireEvent.change(box.querySelector('textarea')!, { target: { value: String(value) } });
      return;
    default:
      fireEvent.change(box.querySelector('input')!, { target: { value: String(value) } });
  }
}
