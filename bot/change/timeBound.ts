// The one way a turn bounds a step it does not control (a Teams look-up, a proactive send, a read
// behind a per-user refresh), so the answer still comes inside Teams' limits whatever the call does.

/**
 * What `work` settles to, or `late()` if it has not settled within `ms`. The work carries on; a
 * late result is dropped and a late failure is handled (never an unhandled rejection). The timer
 * is cleared either way, so nothing is left pending in the process.
 */
export async function within<T>(work: Promise<T>, ms: number, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `work` at most `ms`, ignoring its outcome: for steps whose results are recorded as they go. */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  await within(
    work.then(
      () => undefined,
      () => undefined,
    ),
    ms,
    () => undefined,
  );
}
