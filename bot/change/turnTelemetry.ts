// What a turn's change came to, for telemetry: only the change and create pipelines (cardChanges.ts, recordCreation.ts) know it,
// so it says it here, and the HTTP handler (functions/messages.ts) puts it on the turn's span and
// counts it. Depends only on @opentelemetry/api: with no SDK started, every call is a no-op.
import { context, createContextKey, trace } from '@opentelemetry/api';

export type TurnOutcome = 'saved' | 'refused' | 'stale' | 'unconfirmed' | 'error';

/** The span attribute that carries it. */
export const TURN_OUTCOME = 'turn.outcome';

/** Where the handler listens for the turn's outcome (a function in the turn's OpenTelemetry context). */
export const TURN_OUTCOME_SINK = createContextKey('place-partnership-bot.turn-outcome');

/** Says what the turn's change came to; the last word of a turn wins. */
export function noteTurnOutcome(outcome: TurnOutcome): void {
  trace.getActiveSpan()?.setAttribute(TURN_OUTCOME, outcome);
  const sink = context.active().getValue(TURN_OUTCOME_SINK);
  if (typeof sink === 'function') (sink as (o: TurnOutcome) => void)(outcome);
}

/** A card change that was not saved, as an outcome: out of date, storage not confirming, or refused. */
export function unsavedOutcome(why: 'missing' | 'final' | 'stale' | 'refused' | 'unavailable', unconfirmed: boolean): TurnOutcome {
  if (why === 'stale') return 'stale';
  if (why === 'unavailable') return unconfirmed ? 'unconfirmed' : 'error';
  return 'refused';
}
