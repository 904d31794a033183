// The app's own signals, beside the spans the SDK makes (requests, Table Storage and Bot Connector
// dependencies): the turn span's attributes and the counters. Instruments exist only once
// telemetry is on (startTelemetry calls openSignals); before that, and without it, each call is a
// no-op. No personal data: no text, no names; a person only as a hash.
import { createHash } from 'node:crypto';
import { metrics, type Counter, type Gauge } from '@opentelemetry/api';

export const METER = 'place-partnership-bot';

let counters:
  | { turns: Counter; storage: Counter; precondition: Counter; digests: Counter; reminders: Counter; packFiles: Counter; poison: Gauge }
  | undefined;

/** Creates the counters on the meter provider the SDK registered. */
export function openSignals(): void {
  const meter = metrics.getMeter(METER);
  counters = {
    turns: meter.createCounter('bot.turns', { description: 'Turns by outcome (saved, refused, stale, unconfirmed, error, none)' }),
    storage: meter.createCounter('storage.transactions', { description: 'Table Storage calls, by HTTP status class' }),
    precondition: meter.createCounter('storage.precondition_failed', { description: 'Table Storage 412s: a write lost an ETag race' }),
    digests: meter.createCounter('digest.channels', { description: 'Weekly digests per place: posted, skipped, failed' }),
    reminders: meter.createCounter('reminders.sent', { description: 'Weekday reminders sent (and failed)' }),
    packFiles: meter.createCounter('pack.files', { description: 'Board pack files made, by kind, delivery and outcome' }),
    poison: meter.createGauge('digest.poison_messages', { description: 'Messages in the digest queue’s poison queue (digest-poison)' }),
  };
}

/** A person as telemetry may name them: the first 16 hex digits of a SHA-256 of their id. */
export function personHash(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}

export function countTurn(outcome: string): void {
  counters?.turns.add(1, { outcome });
}

/** A Table Storage call's status (undefined: no answer). */
export function countStorageCall(status: number | undefined): void {
  if (!counters) return;
  counters.storage.add(1, { status: status === undefined ? 'none' : `${Math.floor(status / 100)}xx` });
  if (status === 412) counters.precondition.add(1);
}

/** One channel's digest: posted, skipped or failed (and the worker's other answers), by place. */
export function countDigest(place: string, outcome: string): void {
  counters?.digests.add(1, { place, outcome });
}

export function countReminder(outcome: 'sent' | 'failed'): void {
  counters?.reminders.add(1, { outcome });
}

/** The poison queue's length, read by the timer every 15 minutes (an alert fires above 0). */
export function recordPoisonMessages(count: number): void {
  counters?.poison.record(count);
}

export function countPackFile(kind: string, delivery: string, outcome: string, place: string): void {
  counters?.packFiles.add(1, { kind, delivery, outcome, place });
}
