// Problems the user can act on — a template error, a bad date, a fact file that did not load —
// each with the file, line and column it points at. A problem in the template being edited can
// be followed to its place.
import type { Problem } from '../../shared/api';

function where(problem: Problem): string {
  if (!problem.file) return '';
  return `${problem.file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}`;
}

interface ProblemsPanelProps {
  problems: Problem[];
  title?: string;
  /** Makes the places of problems matching `canGo` into buttons. */
  onGo?: (problem: Problem) => void;
  canGo?: (problem: Problem) => boolean;
}

export function ProblemsPanel({ problems, title = 'Problems', onGo, canGo }: ProblemsPanelProps) {
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = [errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '', warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '']
    .filter(Boolean)
    .join(', ');
  return (
    <section className={`problems${errors ? ' has-errors' : ''}`} aria-labelledby="problems-title" role="region">
      <h2 className="problems-title" id="problems-title">
        {title} <span className="problems-count">({counts})</span>
      </h2>
      <ul className="problems-list">
        {problems.map((problem, index) => {
          const place = where(problem);
          const linked = place && onGo && (canGo?.(problem) ?? true) && problem.line;
          return (
            <li key={`${index}-${place}-${problem.message}`} className={`problem problem-${problem.severity}`}>
              <span className="problem-severity">{problem.severity === 'error' ? 'Error' : 'Warning'}</span>
              {place &&
                (linked ? (
                  <button type="button" className="problem-place link-button" onClick={() => onGo(problem)} title="Go to this place in the editor">
                    {place}
                  </button>
                ) : (
                  <code className="problem-place">{place}</code>
                ))}
              <span className="problem-message">{problem.message}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
