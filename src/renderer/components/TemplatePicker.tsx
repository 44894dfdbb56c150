// Which template the paper is made from: the bundled ones and the user's own.
import { useId } from 'react';
import type { TemplateSummary } from '../../shared/api';

interface TemplatePickerProps {
  templates: TemplateSummary[];
  value: string;
  onChange: (id: string) => void;
}

export function TemplatePicker({ templates, value, onChange }: TemplatePickerProps) {
  const id = useId();
  const chosen = templates.find((t) => t.id === value);
  const bundled = templates.filter((t) => t.readOnly);
  const own = templates.filter((t) => !t.readOnly);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Template
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={chosen ? `${id}-about` : undefined}>
        {!chosen && <option value="">Choose a template…</option>}
        <optgroup label="Bundled">
          {bundled.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </optgroup>
        {own.length > 0 && (
          <optgroup label="Your templates">
            {own.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {chosen?.description && (
        <p className="field-help" id={`${id}-about`}>
          {chosen.description}
        </p>
      )}
    </div>
  );
}
