// Store errors carry a code, like the Azure SDK's, so callers switch on `code`, not on messages.
import type { Stored } from '../stored.js';

/** BAD_REQUEST: the service refused the request as malformed (a bug here, not the user's input). */
export type StoreErrorCode = 'STALE' | 'CONFLICT' | 'NOT_FOUND' | 'UNAVAILABLE' | 'TOO_LARGE' | 'BAD_REQUEST';

export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  /**
   * UNAVAILABLE only: a write was sent but storage did not answer in time, so it may still land.
   * (A read that times out, or a write never sent, leaves nothing behind: `unconfirmed` is false.)
   */
  readonly unconfirmed: boolean;
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown; unconfirmed?: boolean },
  ) {
    super(message, options);
    this.unconfirmed = options?.unconfirmed ?? false;
  }
}

/** Storage did not answer a call within its deadline (the request was aborted). */
export class StorageDeadlineError extends Error {
  override readonly name = 'StorageDeadlineError';
  constructor(
    readonly ms: number,
    /** The call would have changed something (a transaction, insert, update). */
    readonly write: boolean,
    options?: { cause?: unknown },
  ) {
    super(`Storage did not answer within ${ms} ms`, options);
  }
}

/** An update was made from an out-of-date copy (HTTP 412): nothing was written. `latest` is what is stored now. */
export class StaleRecordError<T = unknown> extends StoreError {
  override readonly name = 'StaleRecordError';
  constructor(
    readonly latest: Stored<T>,
    options?: { cause?: unknown },
  ) {
    super('STALE', 'The record was changed by someone else; nothing was overwritten.', options);
  }
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  details?: { odataError?: { code?: string } };
}

/** HTTP status of an Azure SDK error (undefined when the request never got an answer). */
export function statusOf(err: unknown): number | undefined {
  const status = (err as RestErrorLike | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The service's reason, e.g. UpdateConditionNotSatisfied, EntityAlreadyExists (on 412 `err.code` is undefined). */
export function reasonOf(err: unknown): string | undefined {
  const e = err as RestErrorLike | null;
  return e?.details?.odataError?.code ?? e?.code;
}

const TOO_LARGE_REASONS = new Set(['EntityTooLarge', 'PropertyValueTooLarge', 'RequestBodyTooLarge', 'TooManyProperties']);

/** Maps any error from the Table client to a StoreError (already-typed errors pass through). */
export function toStoreError(err: unknown, what: string): StoreError {
  if (err instanceof StoreError) return err;
  if (err instanceof StorageDeadlineError) {
    return new StoreError('UNAVAILABLE', `${what}: ${err.message}`, { cause: err, unconfirmed: err.write });
  }
  const status = statusOf(err);
  const reason = reasonOf(err);
  const detail = `${what}: ${reason ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))}`;
  if (status === 412) return new StoreError('STALE', detail, { cause: err });
  if (status === 409) return new StoreError('CONFLICT', detail, { cause: err });
  if (status === 404) return new StoreError('NOT_FOUND', detail, { cause: err });
  if (status === 413 || (reason && TOO_LARGE_REASONS.has(reason))) return new StoreError('TOO_LARGE', detail, { cause: err });
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new StoreError('BAD_REQUEST', detail, { cause: err });
  }
  // No answer (connection refused, reset, timeout) or a server-side failure.
  return new StoreError('UNAVAILABLE', `Storage is not answering (${detail})`, { cause: err });
}
