/**
 * Diagnostic codes of the embedding API (DML8xxx) and of file confinement (DML6006). Every
 * error reaches the application as a `DmlRunError` carrying `Diagnostic[]` with spans.
 */
export const API_ERR = {
  /** An input value of a kind the API cannot convert, or inconsistent dims. */
  badInput: 'DML8001',
  /** A declared output the script never assigned, or an unknown result name. */
  missingOutput: 'DML8002',
  /** The run was cancelled through its AbortSignal. */
  cancelled: 'DML8003',
  /** The run took longer than its timeoutMs. */
  timeout: 'DML8004',
  /** A result read as the wrong kind (e.g. matrix() of a frame). */
  wrongType: 'DML8005',
  /** A declared input was not given to execute(). */
  missingInput: 'DML8006',
  /** A callback the application gave (onProgress) threw; the run stopped there. */
  callbackFailed: 'DML8007',
  /** A script path (read, write, source) outside the session's allowedDirs. */
  confined: 'DML6006',
} as const;
