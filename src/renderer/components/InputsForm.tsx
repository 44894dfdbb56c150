// The form a template asks for (its declared `inputs`): text, date, list (one item per line),
// choice and rows (a table of records, one text per declared column) fields, required ones
// marked, defaults filled in. Rows are checked by the one check the pipeline uses
// (shared/inputs.ts), and a wrong cell is marked where it is.
import { useEffect, useId, useRef } from 'react';
import type { TemplateInputInfo } from '../../shared/api';
import { checkInputs, isRecord, MAX_INPUT_CHARS, MAX_INPUT_ITEMS, type InputColumn, type InputProblem, type InputRow } from '../../shared/inputs';
import { checkDate } from '../dates';
import { DateField } from './DateRange';

/** A row as the user typed it: one text per column (a facts column's ids as typed, "a, b"). */
export type FormRow = Record<string, string>;
/** What the form holds for each input: its text (a list one item per line), or a rows input's rows. */
export type InputFormValues = Record<string, string | FormRow[]>;


/** Whether stored form values have the form's shape (a state saved before rows existed holds texts only, and has it). */
export function isInputFormValues(value: unknown): value is InputFormValues {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((row) => isRecord(row) && Object.values(row).every((cell) => typeof cell === 'string'))));
}

/** An input's starting value: its default (lists one item per line, a facts cell's ids joined by commas). */
function defaultValue(input: TemplateInputInfo): string | FormRow[] {
  if (input.default === undefined && input.type !== 'rows') return input.type === 'choice' && input.required ? (input.options?.[0] ?? '') : '';
  return asFormValue(input, input.default);
}

/** A value as a request or a saved brief gives it, as the form holds it. */
function asFormValue(input: TemplateInputInfo, value: unknown): string | FormRow[] {
  if (input.type === 'rows') {
    if (!Array.isArray(value)) return [];
    return (value as unknown[]).filter(isRecord).map((row) => Object.fromEntries((input.columns ?? []).map((c) => [c.key, cellText(row[c.key])])));
  }
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join('\n') : String(value);
}

/** A saved brief's inputs as the form holds them (keys the template does not declare are dropped). */
export function formValuesOf(inputs: TemplateInputInfo[], values: Record<string, unknown>): InputFormValues {
  return Object.fromEntries(inputs.filter((input) => Object.hasOwn(values, input.key)).map((input) => [input.key, asFormValue(input, values[input.key])]));
}

const cellText = (cell: unknown): string => (Array.isArray(cell) ? cell.join(', ') : cell === undefined || cell === null ? '' : String(cell));

/**
 * The form's values: what the user typed (kept per template), and each input's default where
 * nothing typed fits it — a value kept from before the template changed an input's kind is
 * not forced on the new kind.
 */
export function formValues(inputs: TemplateInputInfo[], typed: InputFormValues = {}): InputFormValues {
  const out: InputFormValues = {};
  for (const input of inputs) {
    const value = typed[input.key];
    out[input.key] = value !== undefined && (input.type === 'rows') === Array.isArray(value) ? value : defaultValue(input);
  }
  return out;
}

const textOf = (values: InputFormValues, key: string): string => {
  const value = values[key];
  return typeof value === 'string' ? value : '';
};

/** A rows input's rows, fitted to its declared columns (a kept row may predate a change to them). */
function rowsOf(input: TemplateInputInfo, values: InputFormValues): FormRow[] {
  const value = values[input.key];
  if (!Array.isArray(value)) return [];
  return value.map((row) => Object.fromEntries((input.columns ?? []).map((c) => [c.key, row[c.key] ?? ''])));
}

/** Why a date cell is not a date yet (as the date fields say it). */
function dateError(text: string): string | undefined {
  const check = checkDate(text);
  return check.status === 'invalid' || check.status === 'incomplete' ? check.message : undefined;
}

/**
 * A rows input's rows checked as the pipeline checks them (shared/inputs.ts): the rows a request
 * carries (empty rows dropped, fact ids split), and what is wrong in which cell. A cell is one
 * line, as a text field is: a new line typed in it reads as a space.
 */
function checkRows(input: TemplateInputInfo, rows: FormRow[]): { rows: InputRow[]; problems: InputProblem[] } {
  const given = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, text]) => [key, text.replace(/\s*\n\s*/g, ' ')])));
  const { values, problems } = checkInputs([input], { [input.key]: given }, { dateError });
  return { rows: values[input.key] as InputRow[], problems: problems.filter((p) => p.at.length === 3) };
}

/** A cell's problem as the form says it: "Row 2 is missing its answer." (the check's words name the input and the column's key, for files). */
export function cellMessage(problem: InputProblem): string {
  const text = problem.message.replace(/^input "[^"]*", row/, 'Row').replace(/ \(column "[^"]*"\)$/, '');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The values a request carries: lists split into lines, rows as records (fact ids as lists), empty fields left to the template. */
export function inputValues(inputs: TemplateInputInfo[], values: InputFormValues): Record<string, string | string[] | InputRow[]> {
  const out: Record<string, string | string[] | InputRow[]> = {};
  for (const input of inputs) {
    const text = textOf(values, input.key);
    if (input.type === 'rows') {
      out[input.key] = checkRows(input, rowsOf(input, values)).rows;
    } else if (input.type === 'list') {
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

/** True when every date field holds a date or nothing, and no row has a wrong cell (the others cannot be wrong as typed). */
export function inputsAreUsable(inputs: TemplateInputInfo[], values: InputFormValues): boolean {
  return inputs.every((i) =>
    i.type === 'rows' ? checkRows(i, rowsOf(i, values)).problems.length === 0 : i.type !== 'date' || ['empty', 'valid'].includes(checkDate(textOf(values, i.key)).status),
  );
}

/** A text input whose default is a sentence or more gets room to show it. */
const isLong = (input: TemplateInputInfo) => typeof input.default === 'string' && input.default.length > 48;

interface InputsFormProps {
  inputs: TemplateInputInfo[];
  values: InputFormValues;
  onChange: (values: InputFormValues) => void;
}

export function InputsForm({ inputs, values, onChange }: InputsFormProps) {
  const base = useId();
  if (inputs.length === 0) return <p className="field-help">This template asks for nothing more.</p>;
  const set = (key: string, value: string | FormRow[]) => onChange({ ...values, [key]: value });
  return (
    <div className="inputs-form">
      {inputs.map((input) => {
        const id = `${base}-${input.key}`;
        if (input.type === 'rows') {
          return <RowsField key={input.key} id={id} input={input} rows={rowsOf(input, values)} onChange={(rows) => set(input.key, rows)} />;
        }
        const value = textOf(values, input.key);
        const missing = input.required && value.trim() === '';
        const describedBy = [input.help ? `${id}-help` : '', input.type === 'list' ? `${id}-list` : '', missing ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        const label = (
          <label htmlFor={id} className="field-label">
            {input.label}
            <RequiredMark required={input.required} />
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

function RequiredMark({ required }: { required: boolean }) {
  return required ? (
    <span className="required-mark" aria-hidden="true">
      {' '}*
    </span>
  ) : null;
}

/** What a column's cells take, said once under the table (a facts column always says how to give ids). */
const columnHelp = (column: InputColumn): string | undefined =>
  column.type === 'facts' ? (column.help ?? 'Ids of the facts backing the row, separated by commas or spaces.') : column.help;

interface RowsFieldProps {
  id: string;
  input: TemplateInputInfo;
  rows: FormRow[];
  onChange: (rows: FormRow[]) => void;
}

/**
 * A rows input as a table: a row per record, a column per declared column, a button to add a row
 * and one to remove each. Adding a row puts the cursor in its first cell; removing one puts it on
 * the next row's Remove (or, with none left after it, the row before's, or Add row).
 */
function RowsField({ id, input, rows, onChange }: RowsFieldProps) {
  const columns = input.columns ?? [];
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const { rows: given, problems } = checkRows(input, rows);
  const missing = input.required && given.length === 0;
  const full = rows.length >= MAX_INPUT_ITEMS;
  const helps = columns.filter((c) => columnHelp(c) !== undefined);
  const cellId = (row: number, column: string) => `${id}-${row}-${column}`;
  const removeId = (row: number) => `${id}-${row}-remove`;

  const add = () => {
    focusNext.current = cellId(rows.length, columns[0]?.key ?? '');
    onChange([...rows, Object.fromEntries(columns.map((c) => [c.key, '']))]);
  };
  const remove = (row: number) => {
    const next = rows.filter((_, i) => i !== row);
    focusNext.current = next.length === 0 ? `${id}-add` : removeId(Math.min(row, next.length - 1));
    onChange(next);
  };
  const setCell = (row: number, column: string, text: string) => onChange(rows.map((r, i) => (i === row ? { ...r, [column]: text } : r)));

  return (
    <fieldset className="field rows-field" aria-describedby={[input.help ? `${id}-help` : '', missing ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="field-label" id={`${id}-label`}>
        {input.label}
        <RequiredMark required={input.required} />
      </legend>
      {input.help && (
        <p className="field-help" id={`${id}-help`}>
          {input.help}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="field-help rows-empty">No rows yet.</p>
      ) : (
        <div className="rows-frame">
          <table className="rows-table" aria-labelledby={`${id}-label`}>
            <thead>
              <tr>
                <th scope="col" className="rows-number">
                  <span className="visually-hidden">Row</span>
                </th>
                {columns.map((column) => (
                  <th scope="col" key={column.key} id={`${id}-col-${column.key}`}>
                    {column.label}
                    <RequiredMark required={column.required} />
                  </th>
                ))}
                <th scope="col" className="rows-actions">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  <th scope="row" className="rows-number">
                    Row {r + 1}
                  </th>
                  {columns.map((column) => {
                    const cell = cellId(r, column.key);
                    const problem = problems.find((p) => p.at[1] === r && p.at[2] === column.key);
                    const described = [problem ? `${cell}-error` : '', columnHelp(column) ? `${id}-help-${column.key}` : ''].filter(Boolean).join(' ') || undefined;
                    const common = {
                      id: cell,
                      value: row[column.key] ?? '',
                      maxLength: MAX_INPUT_CHARS,
                      'aria-label': `${column.label}, row ${r + 1}`,
                      'aria-required': column.required || undefined,
                      'aria-invalid': problem ? true : undefined,
                      'aria-describedby': described,
                    };
                    return (
                      <td key={column.key} className="rows-cell">
                        <label className="rows-cell-label" htmlFor={cell} aria-hidden="true">
                          {column.label}
                          <RequiredMark required={column.required} />
                        </label>
                        {column.type === 'date' ? (
                          <input {...common} type="text" autoComplete="off" spellCheck={false} inputMode="numeric" placeholder="YYYY-MM-DD" onChange={(e) => setCell(r, column.key, e.target.value)} />
                        ) : (
                          // A textarea that grows with its text, so a long answer or a list of ids shows whole.
                          <textarea
                            {...common}
                            rows={1}
                            className="rows-text"
                            spellCheck={column.type === 'facts' ? false : undefined}
                            placeholder={column.type === 'facts' ? 'fact-id, fact-id' : undefined}
                            onChange={(e) => setCell(r, column.key, e.target.value)}
                          />
                        )}
                        {problem && (
                          <p className="field-error" id={`${cell}-error`}>
                            {cellMessage(problem)}
                          </p>
                        )}
                      </td>
                    );
                  })}
                  <td className="rows-actions">
                    <button type="button" id={removeId(r)} className="button" onClick={() => remove(r)}>
                      Remove<span className="visually-hidden"> row {r + 1}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {helps.map((column) => (
        <p className="field-help" id={`${id}-help-${column.key}`} key={column.key}>
          {column.label}: {columnHelp(column)}
        </p>
      ))}
      <p className="rows-add">
        <button type="button" id={`${id}-add`} className="button" disabled={full} aria-describedby={full ? `${id}-full` : undefined} onClick={add}>
          Add row<span className="visually-hidden"> to {input.label}</span>
        </button>
      </p>
      {full && (
        <p className="field-help" id={`${id}-full`}>
          A table holds at most {MAX_INPUT_ITEMS} rows: remove one to add another.
        </p>
      )}
      {missing && (
        <p className="field-error" id={`${id}-error`}>
          {input.label} is required: add a row.
        </p>
      )}
    </fieldset>
  );
}
