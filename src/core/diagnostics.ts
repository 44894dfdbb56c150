// Errors and warnings as values with a location. They travel unchanged from core to the user:
// the CLI prints them as `file:line:column: message`, the app shows them inline.
import { visible } from './quote';

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Workspace-relative or absolute path of the file at fault; '' when no file is involved. */
  file: string;
  /** 1-based; absent when the fault has no place in a file (a missing file, say). */
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:column: message`, on one line, with nothing in it a terminal would act on. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${visible(d.file)}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  return `${where}${d.severity === 'warning' ? 'warning: ' : ''}${visible(d.message)}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A user-facing failure that carries its diagnostics (never a stack trace to the user). */
export class BriefError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'BriefError';
  }
}
