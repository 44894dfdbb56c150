// A person's offices as the workspace records them: which one applies on a date, and how a
// paper names it. `roles` (each dated and sourced) are preferred; a person recorded the older
// way, with one line of `role` text, still reads (data/README.md, "Entities").
import { whenInterval } from './dates';
import type { Entity, Role } from './schema';

type Person = Pick<Entity, 'role' | 'roles'>;

/**
 * The role of `person` that applies on `date` (YYYY, YYYY-MM or YYYY-MM-DD): the latest one
 * held by then (its date starts on or before the end of `date`); failing that, one the sources
 * do not date; failing that, the latest of all. With no `date`, the latest. Undefined for a
 * person without `roles`.
 */
export function roleAt(person: Person, date?: string): Role | undefined {
  const roles = person.roles ?? [];
  const by = date === undefined ? Number.POSITIVE_INFINITY : endOf(date);
  let held: { role: Role; start: number; end: number } | undefined;
  let latest: typeof held;
  let undated: Role | undefined;
  for (const role of roles) {
    const parsed = role.when === undefined ? undefined : whenInterval(role.when);
    if (parsed === undefined || !('interval' in parsed)) {
      undated = role;
      continue;
    }
    const { start, end } = parsed.interval;
    // Later in the list wins a tie: a curator lists a person's offices in order.
    const later = (than: typeof held) => !than || start > than.start || (start === than.start && end >= than.end);
    if (later(latest)) latest = { role, start, end };
    if (start <= by && later(held)) held = { role, start, end };
  }
  return held?.role ?? undated ?? latest?.role;
}

/**
 * The office a paper names beside the person ("Foreign Minister of China"): the title of the
 * role that applies on `date`, else the `role` text without the year written after it
 * ("President of Kazakhstan (2013)" → "President of Kazakhstan").
 */
export function officeOf(person: Person, date?: string): string | undefined {
  const title = roleAt(person, date)?.title;
  if (title !== undefined) return title;
  const bare = person.role?.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return bare ? bare : undefined;
}

function endOf(date: string): number {
  const parsed = whenInterval(date);
  return 'interval' in parsed ? parsed.interval.end : Number.POSITIVE_INFINITY;
}
