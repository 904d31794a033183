// A week of records for digest tests, built through the domain's own rules. Week 2026-W48: the
// digest is due Monday 23 Nov 2026 09:00 London (GMT) and covers changes since 16 Nov 09:00.
import { applyActionCommand, createAction, type Action, type ActionDraft } from '../../../records/action.js';
import type { DigestSources } from '../../../records/digest.js';
import { createRisk, type Risk, type RiskDraft } from '../../../records/risk.js';
import { createSignOff, type SignOff, type SignOffDraft } from '../../../records/signoff.js';
import { applySignOffCommand } from '../../../records/signoffCommands.js';
import { approverA, chair, ok, owner, raiser, riskDraft, signOffDraft } from './fixtures.js';

export const WEEK = '2026-W48';
export const DIGEST_NOW = new Date('2026-11-23T09:05:00Z');
const at = (iso: string) => new Date(iso);

export function actionAt(ref: string, raisedAt: string, over: Partial<ActionDraft>): Action {
  const draft: ActionDraft = { place: 'BPL', description: `Action ${ref}`, owner, dueDate: '2026-12-18', links: {}, ...over };
  return ok(createAction(draft, ref, raiser, at(raisedAt)));
}

export function riskAt(ref: string, raisedAt: string, over: Partial<RiskDraft>): Risk {
  return ok(createRisk(riskDraft({ place: 'BPL', ...over }), ref, raiser, at(raisedAt)));
}

export function signOffAt(ref: string, requestedAt: string, over: Partial<SignOffDraft>): SignOff {
  return ok(createSignOff(signOffDraft({ place: 'BPL', ...over }), ref, raiser, at(requestedAt)));
}

/** New this week (BCF), overdue (older), closed this week answering feedback, due soon (older). */
export function weekOfRecords() {
  const fresh = actionAt('BPL-A-0010', '2026-11-18T10:00:00Z', {
    description: 'Review the pooled budget',
    links: { priority: 'BCF' },
    dueDate: '2026-12-01',
  });
  const overdue = actionAt('BPL-A-0002', '2026-10-01T10:00:00Z', {
    description: 'Draft terms of reference',
    dueDate: '2026-11-10',
    links: { priority: 'POP_HEALTH' },
  });
  const feedback = actionAt('BPL-A-0003', '2026-10-01T10:00:00Z', {
    description: 'Feed back to workshop delegates',
    feedback: { youSaid: 'Build on existing partnerships.' },
  });
  const closed = ok(
    applyActionCommand(
      feedback,
      chair,
      { type: 'close', decision: 'Board, 19 Nov', weDid: 'Used the district partnerships.' },
      at('2026-11-19T15:00:00Z'),
    ),
  );
  const dueSoon = actionAt('BPL-A-0004', '2026-10-05T10:00:00Z', { description: 'Report Care Connexions uptake', dueDate: '2026-11-30' });
  const oldClosed = ok(
    applyActionCommand(
      actionAt('BPL-A-0005', '2026-09-01T10:00:00Z', {}),
      chair,
      { type: 'close', decision: 'Board, 1 Oct' },
      at('2026-10-01T15:00:00Z'),
    ),
  );

  const newExtreme = riskAt('BPL-R-0009', '2026-11-17T10:00:00Z', {
    title: 'Winter bed capacity',
    initial: { likelihood: 4, consequence: 4 },
    target: { likelihood: 2, consequence: 2 },
  });
  const aboveAppetite = riskAt('BPL-R-0002', '2026-09-01T10:00:00Z', {
    title: 'Care market fragility',
    initial: { likelihood: 3, consequence: 3 },
    target: { likelihood: 2, consequence: 2 },
    appetite: { level: 'minimal' },
  });
  const reviewOverdue = riskAt('BPL-R-0003', '2026-06-01T10:00:00Z', {
    title: 'Estates backlog',
    initial: { likelihood: 2, consequence: 2 },
    target: { likelihood: 1, consequence: 2 },
    nextReviewDate: '2026-11-01',
  });

  const pending = signOffAt('BPL-S-0004', '2026-11-10T10:00:00Z', { title: 'INT model', dueBy: '2026-12-07' });
  const decided = ok(
    applySignOffCommand(
      signOffAt('BPL-S-0003', '2026-11-02T10:00:00Z', { title: 'BCF plan', dueBy: '2026-11-30' }),
      approverA,
      { type: 'approveWithConditions', conditions: 'Report back in March.' },
      at('2026-11-19T11:00:00Z'),
    ),
  );
  return { fresh, overdue, closed, dueSoon, oldClosed, newExtreme, aboveAppetite, reviewOverdue, pending, decided };
}

export function sourcesFor(records = weekOfRecords(), over: Partial<DigestSources> = {}): DigestSources {
  const r = records;
  return {
    place: 'BPL',
    placeName: 'Blackpool',
    week: WEEK,
    now: DIGEST_NOW,
    threshold: 15,
    changed: { actions: [r.fresh, r.closed], risks: [r.newExtreme], signOffs: [r.decided] },
    openActions: [r.fresh, r.overdue, r.dueSoon],
    overdueActions: [r.overdue],
    dueActions: [r.fresh, r.dueSoon],
    escalatedRisks: [r.newExtreme, r.aboveAppetite, r.reviewOverdue],
    openSignOffs: [r.pending],
    ...over,
  };
}
