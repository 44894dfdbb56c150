// The topics the paper covers, as checkboxes named by their labels. A one-topic template (the
// sector one-pager) takes exactly one, so ticking a topic there chooses it alone.
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
  const toggle = (id: string, checked: boolean) => {
    if (mode === 'one') {
      // Exactly one: ticking chooses it; unticking the only one is refused.
      if (checked) onChange([id]);
      return;
    }
    onChange(checked ? topics.filter((t) => t.id === id || selected.includes(t.id)).map((t) => t.id) : selected.filter((s) => s !== id));
  };
  const all = mode === 'any' && topics.every((t) => selected.includes(t.id));
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
              <input
                type="checkbox"
                checked={selected.includes(topic.id)}
                aria-disabled={mode === 'one' && selected.length === 1 && selected[0] === topic.id ? true : undefined}
                onChange={(e) => toggle(topic.id, e.target.checked)}
              />
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
