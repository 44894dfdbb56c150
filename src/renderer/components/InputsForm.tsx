// The form a template asks for (its declared `inputs`): text, date, list (one item per line)
// and choice fields, required ones marked, defaults filled in.
import { useId } from 'react';
import type { TemplateInputInfo } from '../../shared/api';
import { checkDate } from '../dates';
import { DateField } from './DateRange';

export type InputTexts = Record<string, string>;

/** The form's starting values: each input's default, lists one item per line. */
export function defaultInputTexts(inputs: TemplateInputInfo[]): InputTexts {
  const out: InputTexts = {};
  for (const input of inputs) {
    const d = input.default;
    out[input.key] = d === undefined ? (input.type === 'choice' && input.required ? (input.options?.[0] ?? '') : '') : Array.isArray(d) ? d.join('\n') : String(d);
  }
  return out;
}

/** The values a request carries: lists split into lines, empty fields left to the template. */
export function inputValues(inputs: TemplateInputInfo[], texts: InputTexts): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const input of inputs) {
    const text = texts[input.key] ?? '';
    if (input.type === 'list') {
      out[input.key] = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    } else if (input.type === 'date' && checkDate(text).status !== 'valid') {
      continue;
    } else {
      // A long text field is a textarea, but the value is one line.
      out[input.key] = text.replace(/\s*\n\s*/g, ' ').trim();
    }
  }
  return out;
}

/** True when every date field holds a date or nothing (the others cannot be wrong as typed). */
export function inputsAreUsable(inputs: TemplateInputInfo[], texts: InputTexts): boolean {
  return inputs.every((i) => i.type !== 'date' || ['empty', 'valid'].includes(checkDate(texts[i.key] ?? '').status));
}

/** A text input whose default is a sentence or more gets room to show it. */
const isLong = (input: TemplateInputInfo) => typeof input.default === 'string' && input.default.length > 48;

interface InputsFormProps {
  inputs: TemplateInputInfo[];
  values: InputTexts;
  onChange: (values: InputTexts) => void;
}

export function InputsForm({ inputs, values, onChange }: InputsFormProps) {
  const base = useId();
  if (inputs.length === 0) return <p className="field-help">This template asks for nothing more.</p>;
  const set = (key: string, value: string) => onChange({ ...values, [key]: value });
  return (
    <div className="inputs-form">
      {inputs.map((input) => {
        const id = `${base}-${input.key}`;
        const value = values[input.key] ?? '';
        const missing = input.required && value.trim() === '';
        const describedBy = [input.help ? `${id}-help` : '', input.type === 'list' ? `${id}-list` : '', missing ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        const label = (
          <label htmlFor={id} className="field-label">
            {input.label}
            {input.required && (
              <span className="required-mark" aria-hidden="true">
                {' '}*
              </span>
            )}
          </label>
        );
        if (input.type === 'date') {
          return <DateField key={input.key} label={input.label} value={value} required={input.required} help={input.help} placeholder="YYYY-MM-DD" onChange={(v) => set(input.key, v)} />;
        }
        return (
          <div className="field" key={input.key}>
            {label}
            {input.type === 'list' ? (
              <textarea
                id={id}
                rows={3}
                value={value}
                aria-required={input.required || undefined}
                aria-invalid={missing || undefined}
                aria-describedby={describedBy}
                onChange={(e) => set(input.key, e.target.value)}
              />
            ) : input.type === 'choice' ? (
              <select id={id} value={value} aria-required={input.required || undefined} aria-describedby={describedBy} onChange={(e) => set(input.key, e.target.value)}>
                {!input.required && <option value="">(none)</option>}
                {(input.options ?? []).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : isLong(input) ? (
              <textarea
                id={id}
                rows={4}
                className="textarea-prose"
                value={value}
                aria-required={input.required || undefined}
                aria-invalid={missing || undefined}
                aria-describedby={describedBy}
                onChange={(e) => set(input.key, e.target.value)}
              />
            ) : (
              <input
                id={id}
                type="text"
                value={value}
                aria-required={input.required || undefined}
                aria-invalid={missing || undefined}
                aria-describedby={describedBy}
                onChange={(e) => set(input.key, e.target.value)}
              />
            )}
            {input.type === 'list' && (
              <p className="field-help" id={`${id}-list`}>
                One item per line.
              </p>
            )}
            {input.help && (
              <p className="field-help" id={`${id}-help`}>
                {input.help}
              </p>
            )}
            {missing && (
              <p className="field-error" id={`${id}-error`}>
                {input.label} is required.
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
