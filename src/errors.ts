/**
 * Every error a user can cause (a bad scenario, trace, flag or decide input) is a HeadroomError.
 * The CLI prints it as one line and exits non-zero; anything else is a bug and keeps its stack.
 */
export type ErrorCode =
  | 'quantity'
  | 'duration'
  | 'scenario'
  | 'trace'
  | 'input'
  | 'usage'
  | 'baseline'
  | 'manifest'
  /** an input file could not be read, or may not be (outside the scenario's folder, not a regular file, too large) */
  | 'io'
  /** an output could not be written (a full disk, a read-only folder): the user's to fix, exit 1 */
  | 'write';

export interface ErrorLocation {
  /** File the problem is in, as the user named it. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** Key path inside the document, e.g. `workloads.0.requests.cpu`. */
  path?: string;
}

export class HeadroomError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;

  constructor(code: ErrorCode, message: string, where: ErrorLocation = {}) {
    super(message);
    this.name = 'HeadroomError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.path = where.path;
  }

  /** The same error with more location filled in (what is already known wins). */
  at(where: ErrorLocation): HeadroomError {
    return new HeadroomError(this.code, this.message, {
      file: this.file ?? where.file,
      line: this.line ?? where.line,
      column: this.column ?? where.column,
      path: this.path ?? where.path,
    });
  }
}

/**
 * Problems shown at most for one document: a file with 20,000 unknown keys is one typo repeated
 * (a wrong indentation, the wrong file), and 20,000 lines would bury the first, which says so.
 */
export const MAX_SHOWN_PROBLEMS = 50;

/** The first `max` of `items` formatted, and when there are more, one line counting the rest. */
export function capLines<T>(items: readonly T[], format: (item: T) => string, what = 'problem', max = MAX_SHOWN_PROBLEMS): string[] {
  const shown = items.slice(0, max).map(format);
  const more = items.length - shown.length;
  if (more > 0) shown.push(`... and ${more.toLocaleString('en-US')} more ${what}${more === 1 ? '' : 's'} (${items.length.toLocaleString('en-US')} in all)`);
  return shown;
}

/** One or more problems found while validating one document, all reported together. */
export class ValidationError extends HeadroomError {
  readonly issues: HeadroomError[];

  constructor(issues: HeadroomError[]) {
    super(issues[0]?.code ?? 'scenario', capLines(issues, formatError).join('\n'), issues[0] ?? {});
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** `file:line: path: message`, leaving out what is unknown; a ValidationError as its first problems, one a line. */
export function formatError(err: HeadroomError): string {
  if (err instanceof ValidationError) return capLines(err.issues, formatError).join('\n');
  let where = '';
  if (err.file) where += err.file;
  if (err.line !== undefined) where += `:${err.line}`;
  if (err.line !== undefined && err.column !== undefined) where += `:${err.column}`;
  const head = [where, err.path].filter((s) => s && s.length > 0).join(': ');
  return head ? `${head}: ${err.message}` : err.message;
}

export function isHeadroomError(e: unknown): e is HeadroomError {
  return e instanceof HeadroomError;
}
