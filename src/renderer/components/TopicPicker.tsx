// The topics the paper covers, named by their labels: check boxes, any number of them; or, for a
// one-topic template (the sector one-pager), radio buttons that choose exactly one (the arrow
// keys move the choice, as they do in any radio group).
import { useId } from 'react';
import type { ApiResults } from '../../shared/api';

type Topic = ApiResults['listTopics'][number];

interface TopicPickerProps {
  topics: Topic[];
  selected: string[];
  mode: 'any' | 'one';
  onChange: (topics: string[]) => void;
  error?: string;
}

export function TopicPicker({ topics, selected, mode, onChange, error }: TopicPickerProps) {
  const group = useId();
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? topics.filter((t) => t.id === id || selected.includes(t.id)).map((t) => t.id) : selected.filter((s) => s !== id));
  const all = mode === 'any' && topics.every((t) => selected.includes(t.id));
  // With more than one topic chosen (left from a template that takes any number), no radio is on.
  const chosen = mode === 'one' && selected.length === 1 ? selected[0] : undefined;
  return (
    <fieldset className="field topic-picker" aria-describedby={error ? 'topics-error' : 'topics-help'}>
      <legend className="field-label">Topics</legend>
      <p className="field-help" id="topics-help">
        {mode === 'one' ? 'This template covers exactly one topic.' : `${selected.length} of ${topics.length} chosen`}
        {mode === 'any' && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => onChange(all ? [] : topics.map((t) => t.id))}>
              {all ? 'Clear all' : 'Choose all'}
            </button>
          </>
        )}
      </p>
      <ul className="check-list">
        {topics.map((topic) => (
          <li key={topic.id}>
            <label className="check" title={topic.description}>
              {mode === 'one' ? (
                <input type="radio" name={group} value={topic.id} checked={chosen === topic.id} onChange={() => onChange([topic.id])} />
              ) : (
                <input type="checkbox" checked={selected.includes(topic.id)} onChange={(e) => toggle(topic.id, e.target.checked)} />
              )}
              <span>{topic.label}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" id="topics-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
