// The app's API (src/shared/api.ts), implemented once over core for both hosts: Electron's main
// process and the web host hand every call to `handle`, which validates the payload, runs the
// channel's handler and always resolves to a result or to problems a user can act on — never
// to a thrown error or a stack trace. The handlers live in handlers/, one file per area
// (templates, facts, papers, settings), and share one context (handlers/context.ts): the
// workspace, loaded once and reloaded after the user changes templates or settings (or, where the
// host follows them, its files change on disk: workspace-follower.ts), and the runner that makes
// papers.
import type { z } from 'zod';
import { CHANNELS, MAX_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE, channels, type ApiResponse, type ApiResults, type Channel, type Problem } from '../shared/api';
import { BriefError } from '../core/diagnostics';
import { fileFailure } from '../platform/file-errors';
import type { PaperRunner } from './paper-runner';
import { toProblem } from './papers';
import { Refusal, createContext, problem, type CallContext, type Handlers } from './handlers/context';
import { briefHandlers } from './handlers/briefs';
import { factHandlers } from './handlers/facts';
import { paperHandlers, type ChooseFolder, type ChooseSavePath } from './handlers/papers';
import { settingsHandlers, type OpenPath } from './handlers/settings';
import { templateHandlers } from './handlers/templates';
import { followWorkspace, type FollowOptions } from './workspace-follower';

export interface ApiOptions {
  /** Where the user's templates, drafts, settings and recent exports live. */
  userFolder: string;
  /** Workspace folders layered on top, before those the settings name. */
  extraFolders?: string[];
  /** Asks where to save an export (Electron's save dialog); undefined when the user cancels. Without it, exports are downloads. */
  chooseSavePath?: ChooseSavePath;
  /** Asks for the folder a batch of papers goes to (Electron's folder dialog). Without it, a batch's papers are downloads. */
  chooseFolder?: ChooseFolder;
  /** Opens an exported file, or shows it in its folder; resolves to whether that worked. */
  openPath?: OpenPath;
  now?: () => Date;
  /** Where an internal fault goes, with its stack (the hosts log it to stderr). */
  logError?: (error: unknown, channel: string) => void;
  /**
   * Where papers are made. The hosts pass a `workerRunner`, so that no paper holds up their
   * thread; by default they are made on the caller's thread (the CLI, tests).
   */
  runner?: PaperRunner;
  /** Follow the workspace's files while the host runs, and tell its pages when they were read again (workspace-follower.ts). */
  follow?: FollowOptions;
}

export interface Api {
  handle<C extends Channel>(channel: C, payload: unknown, context?: CallContext): Promise<ApiResponse<C>>;
  handle(channel: string, payload: unknown, context?: CallContext): Promise<ApiResponse<Channel>>;
  /** Stops the papers being made and the workers that make them. */
  close(): Promise<void>;
}

export function createApi(options: ApiOptions): Api {
  const logError = options.logError ?? ((error: unknown) => process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  const apiContext = createContext({
    folder: options.userFolder,
    extraFolders: options.extraFolders,
    now: options.now ?? (() => new Date()),
    logError,
    runner: options.runner,
  });
  // Every channel has its handler: the type check fails until one of these answers a new channel.
  const handlers: Handlers = {
    ...templateHandlers(apiContext),
    ...factHandlers(apiContext),
    ...paperHandlers(apiContext, options.chooseSavePath, options.chooseFolder),
    ...settingsHandlers(apiContext, options.openPath),
    ...briefHandlers(apiContext),
  };

  async function handle(channel: string, payload: unknown, context: CallContext = {}): Promise<ApiResponse<Channel>> {
    try {
      if (!(CHANNELS as string[]).includes(channel)) return { ok: false, problems: [problem(`unknown API channel "${channel}"`)] };
      if (payloadSize(payload) > MAX_PAYLOAD_BYTES) return { ok: false, problems: [problem(PAYLOAD_TOO_LARGE)] };
      const schema = channels[channel as Channel];
      const parsed = schema.safeParse(payload === undefined ? {} : payload, { reportInput: true });
      if (!parsed.success) return { ok: false, problems: payloadProblems(parsed.error) };
      const handler = handlers[channel as Channel] as (p: unknown, c: CallContext) => Promise<unknown>;
      return { ok: true, result: (await handler(parsed.data, context)) as ApiResults[Channel] };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, problems: error.problems, ...(error.superseded ? { superseded: true as const } : {}) };
      if (error instanceof BriefError) return { ok: false, problems: error.diagnostics.map(toProblem) };
      const fileProblem = fileSystemProblem(error);
      if (fileProblem) return { ok: false, problems: [fileProblem] };
      logError(error, channel);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [problem(`internal error: ${message.split('\n')[0]}`)] };
    }
  }

  const api = { handle, close: () => apiContext.close() } as Api;
  return options.follow ? followWorkspace(api, apiContext, { userFolder: options.userFolder, extraFolders: options.extraFolders, follow: options.follow }) : api;
}

function payloadSize(payload: unknown): number {
  if (payload === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    throw new Refusal([problem('the request cannot be read (it nests too deeply, or is not plain JSON data)')]);
  }
}

/** Schema issues as problems that name the field at fault, in words rather than the schema's. */
function payloadProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => problem(describeIssue(issue, [])));
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object' };

/** What a value is, in the words of TYPE_WORDS. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function describeIssue(issue: z.core.$ZodIssue, at: PropertyKey[]): string {
  const path = [...at, ...issue.path];
  const field = path.map(String).join('.');
  const name = field ? `"${field}"` : 'the request';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${field ? `${field}.` : ''}${k}"`).join(', ')}`;
  }
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && field) return `${name} is missing`;
  switch (issue.code) {
    case 'invalid_type':
      return `${name} must be ${TYPE_WORDS[issue.expected] ?? issue.expected} (got ${kindOf(input)})`;
    case 'too_big': {
      const most = Number(issue.maximum);
      if (issue.origin === 'string') return `${name} is too long (${String(input).length.toLocaleString('en')} characters; at most ${most.toLocaleString('en')})`;
      if (issue.origin === 'array') return `${name} has too many items (${(input as unknown[]).length.toLocaleString('en')}; at most ${most.toLocaleString('en')})`;
      return `${name} must be at most ${most.toLocaleString('en')} (got ${String(input)})`;
    }
    case 'too_small': {
      const least = Number(issue.minimum);
      if (issue.origin === 'string') return least <= 1 ? `${name} must not be empty` : `${name} is too short (at least ${least} characters)`;
      if (issue.origin === 'array') return `${name} needs at least ${least} item${least === 1 ? '' : 's'}`;
      return `${name} must be at least ${least} (got ${String(input)})`;
    }
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map(String).join(', ')} (got ${JSON.stringify(input) ?? kindOf(input)})`;
    case 'invalid_union': {
      // The alternative whose type the value has says what is wrong with it; if none has, list the types.
      const fitting = issue.errors.find((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (fitting?.[0]) return describeIssue(fitting[0], path);
      const types = issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => TYPE_WORDS[(i as { expected: string }).expected] ?? ''));
      return `${name} must be ${[...new Set(types)].filter(Boolean).join(' or ') || 'something else'} (got ${kindOf(input)})`;
    }
    default:
      return `${name}: ${issue.message}`;
  }
}

/** A file that cannot be written (permissions, a full disk) is the user's to fix, not an internal fault. */
function fileSystemProblem(error: unknown): Problem | undefined {
  const failure = fileFailure(error);
  return failure && problem(`cannot ${failure.action} "${failure.file}": ${failure.reason}`, { file: failure.file });
}
