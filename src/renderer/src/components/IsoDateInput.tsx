/**
 * A date field that reads and writes YYYY-MM-DD like every other date in the app. The browser's
 * <input type="date"> shows the OS locale's format (dd/mm/yyyy, mm/dd/yyyy…), which the rest of
 * the app never uses; this is a text input with the ISO pattern instead. The value is the text as
 * typed: forms check it with isIsoDate (iso-date.ts) and say what is wrong next to the field.
 */
import type { InputHTMLAttributes } from 'react';
import { ISO_DATE_PATTERN } from './iso-date.ts';

export function IsoDateInput({
  id,
  value,
  onChange,
  ...rest
}: {
  id: string;
  value: string;
  onChange(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'type'>) {
  return (
    <input
      id={id}
      type="text"
      className="iso-date"
      inputMode="numeric"
      placeholder="YYYY-MM-DD"
      pattern={ISO_DATE_PATTERN}
      maxLength={10}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value.trim())}
      {...rest}
    />
  );
}
