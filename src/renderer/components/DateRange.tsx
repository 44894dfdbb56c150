// The date range facts must fall in (on what each fact is about), typed as YYYY, YYYY-MM or
// YYYY-MM-DD and checked as the user types, with the error beside the field.
import { useId, useState } from 'react';
import { checkDate, rangeError } from '../dates';

interface DateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  extraError?: string;
  help?: string;
  required?: boolean;
}

/** A date text field; shows its error once the text cannot become a date, or on leaving it. */
export function DateField({ label, value, onChange, placeholder, extraError, help, required }: DateFieldProps) {
  const id = useId();
  const [focused, setFocused] = useState(false);
  const check = checkDate(value);
  const error =
    check.status === 'invalid' || (check.status === 'incomplete' && !focused)
      ? check.message
      : check.status === 'empty' && required && !focused
        ? `${label} is required.`
        : extraError;
  const described = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field date-field">
      <label htmlFor={id} className="field-label">
        {label}
        {required && <span className="required-mark" aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={described}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(e) => onChange(e.target.value)}
      />
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <p className="field-error" id={`${id}-error`} aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

interface DateRangeProps {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
  defaults: { from?: string; to?: string };
}

export function DateRange({ from, to, onChange, defaults }: DateRangeProps) {
  const order = rangeError(from, to);
  return (
    <fieldset className="field date-range">
      <legend className="field-label">Dates</legend>
      <p className="field-help">What the facts are about. YYYY, YYYY-MM or YYYY-MM-DD; empty means no limit.</p>
      <div className="date-range-fields">
        <DateField label="From" value={from} placeholder={defaults.from ?? 'earliest'} onChange={(v) => onChange({ from: v, to })} />
        <DateField label="To" value={to} placeholder={defaults.to ?? 'latest'} extraError={order} onChange={(v) => onChange({ from, to: v })} />
      </div>
    </fieldset>
  );
}

/** True when both ends can go into a request. */
export function rangeIsUsable(from: string, to: string): boolean {
  const ok = (v: string) => ['empty', 'valid'].includes(checkDate(v).status);
  return ok(from) && ok(to) && !rangeError(from, to);
}
