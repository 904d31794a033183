// A span per turn, around the bot's processing in functions/messages.ts: what kind of activity,
// which card verb, whose (as a hash), and what the change pipeline says it came to
// (bot/change/turnTelemetry.ts); counted by outcome. Without telemetry on, the tracer is a no-op.
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { z } from 'zod';
import { TURN_OUTCOME, TURN_OUTCOME_SINK, type TurnOutcome } from '../../bot/change/turnTelemetry.js';
import { countTurn, METER, personHash } from './signals.js';

/** What of an activity telemetry may carry: never its text, never a name. */
const activitySchema = z
  .object({
    type: z.string().max(40).catch('unknown'),
    name: z.string().max(60).optional().catch(undefined),
    value: z
      .object({
        action: z
          .object({
            verb: z
              .string()
              .regex(/^[\w.:-]{1,60}$/)
              .optional()
              .catch(undefined),
          })
          .optional()
          .catch(undefined),
      })
      .passthrough()
      .optional()
      .catch(undefined),
    from: z.object({ aadObjectId: z.string().optional(), id: z.string().optional() }).optional().catch(undefined),
    conversation: z
      .object({ conversationType: z.string().max(20).optional() })
      .optional()
      .catch(undefined),
  })
  .catch({ type: 'unknown' });

export function turnAttributes(activity: unknown): Record<string, string> {
  const a = activitySchema.parse(activity ?? {});
  const person = a.from?.aadObjectId ?? a.from?.id;
  return {
    'turn.kind': a.name ? `${a.type}/${a.name}` : a.type,
    ...(a.value?.action?.verb ? { 'turn.verb': a.value.action.verb } : {}),
    ...(a.conversation?.conversationType ? { 'turn.conversation': a.conversation.conversationType } : {}),
    ...(person ? { 'turn.person': personHash(person) } : {}),
  };
}

/** Runs a turn inside its span; a 5xx answer or a throw is `error`; a turn that changed nothing is `none`. */
export function inTurnSpan<T extends { status: number }>(activity: unknown, run: () => Promise<T>): Promise<T> {
  return trace.getTracer(METER).startActiveSpan('bot turn', { attributes: turnAttributes(activity) }, async (span) => {
    let outcome: TurnOutcome | 'none' = 'none';
    try {
      const answer = await context.with(
        context.active().setValue(TURN_OUTCOME_SINK, (o: TurnOutcome) => (outcome = o)),
        run,
      );
      span.setAttribute('http.response.status_code', answer.status);
      if (answer.status >= 500) outcome = 'error';
      return answer;
    } catch (err) {
      outcome = 'error';
      // The error's kind only: its message may quote what someone typed.
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
      throw err;
    } finally {
      span.setAttribute(TURN_OUTCOME, outcome);
      if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      countTurn(outcome);
    }
  });
}
