// Card builders for risks: the form, the risk card (confirmation and detail), the register
// with its 5×5 heat map, and "my risks". Pure: records and `now` in, card JSON out.
import { formatDate, formatInstant, londonToday } from '../records/dates.js';
import { LIMITS } from '../records/limits.js';
import { PLACE_NAMES, PLACE_PRIORITIES, STRATEGIC_OBJECTIVES, type PlaceCode } from '../records/places.js';
import {
  APPETITE_LABELS,
  currentBand,
  currentScore,
  escalationReasons,
  isOpenRisk,
  isReviewOverdue,
  REGISTER_LEVEL_LABELS,
  REGISTER_LEVELS,
  RISK_CATEGORIES,
  RISK_STATUS_LABELS,
  TREND_LABELS,
  trendOf,
  type EscalationReason,
  type RegisterLevel,
  type Risk,
  type Trend,
  registerEntryOf,
  registerSummary,
  REGISTER_PAGE_SIZE,
  type RegisterEntry,
} from '../records/risk.js';
import { levelsAbove, levelsBelow } from '../records/riskCommands.js';
import {
  BAND_LABELS,
  CONSEQUENCE_CHOICES,
  CONSEQUENCE_LABELS,
  LIKELIHOOD_CHOICES,
  LIKELIHOOD_LABELS,
  riskBand,
  riskScore,
  RISK_BANDS,
  type Rating,
  type RiskBand,
} from '../records/scoring.js';
import { type Notice } from './commonCards.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import { RESPONSE_LABELS } from './riskFormCard.js';
import { bandBar, chartBlock, scoreLine } from './charts.js';
import { plain, speech, truncate } from './text.js';
import { scoreTrail } from '../records/tallies.js';

// ------------------------------------------------------------------ colours and the 5×5 grid

/**
 * The NPSA band colours (records/scoring.ts BAND_COLOURS) as 1×1 PNGs, so a cell shows the exact
 * colour as its background image; the container style underneath is the nearest Teams colour for
 * hosts that do not draw background images. Inline data, never an image from the internet.
 */
export const BAND_SWATCHES: Record<RiskBand, string> = {
  LOW: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mOYdCHgPwAGXAKyNkrf7gAAAABJRU5ErkJggg==',
  MODERATE: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4/5/hPwAH/QL+ecrXpAAAAABJRU5ErkJggg==',
  HIGH: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4f4DhPwAHQAK/dlnoKQAAAABJRU5ErkJggg==',
  EXTREME: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/VscvDQAAAABJRU5ErkJggg==',
};
export const BAND_STYLES: Record<RiskBand, 'good' | 'warning' | 'attention'> = {
  LOW: 'good',
  MODERATE: 'warning',
  HIGH: 'warning',
  EXTREME: 'attention',
};

const paint = (band: RiskBand) => ({ style: BAND_STYLES[band], swatch: BAND_SWATCHES[band] });

/** `L4 × C5 = 20 Extreme`: how a score reads on a risk card. */
export function shortRatingLabel(rating: Rating): string {
  const score = riskScore(rating);
  return `L${rating.likelihood} × C${rating.consequence} = ${score} ${BAND_LABELS[riskBand(score)]}`;
}

export const TREND_ARROWS: Record<Trend, string> = { improving: '↓', unchanged: '→', deteriorating: '↑' };
const trendText = (t: Trend) => `${TREND_ARROWS[t]} ${TREND_LABELS[t]}`;

const LIKELIHOODS = [5, 4, 3, 2, 1] as const;
const CONSEQUENCES = [1, 2, 3, 4, 5] as const;
const NBSP = '\u00a0';

/** How many ratings fall in each cell: counts[likelihood][consequence]. */
export function heatCounts(ratings: Rating[]): number[][] {
  const counts = Array.from({ length: 6 }, () => Array<number>(6).fill(0));
  for (const r of ratings) counts[r.likelihood]![r.consequence]! += 1;
  return counts;
}

function gridBinding(title: string, text: (likelihood: number, consequence: number) => string, legend: string) {
  return {
    title,
    legend,
    rows: LIKELIHOODS.map((l) => ({
      label: `${l} ${LIKELIHOOD_LABELS[l]}`,
      cells: CONSEQUENCES.map((c) => ({ ...paint(riskBand(l * c)), text: text(l, c) || NBSP })),
    })),
    consequences: CONSEQUENCES.map((c) => ({ label: `${c} ${CONSEQUENCE_LABELS[c]}` })),
  };
}

// ------------------------------------------------------------------ the risk card

/** What the person looking at the card may do to the risk. */
export interface RiskPermissions {
  review: boolean;
  controls: boolean;
  addAction: boolean;
  escalate: boolean;
  deescalate: boolean;
  close: boolean;
  reopen: boolean;
}
export const NO_RISK_CHANGES: RiskPermissions = {
  review: false,
  controls: false,
  addAction: false,
  escalate: false,
  deescalate: false,
  close: false,
  reopen: false,
};

export const RISK_CARD_INPUTS = [
  'reviewLikelihood',
  'reviewConsequence',
  'reviewNote',
  'reviewDate',
  'controls',
  'gaps',
  'escalateTo',
  'escalateReason',
  'deescalateTo',
  'deescalateReason',
  'closeReason',
  'reopenReason',
] as const;
export type RiskCardInput = (typeof RISK_CARD_INPUTS)[number];
export type RiskCardValues = Partial<Record<RiskCardInput, string>>;

export interface RiskCardInputData {
  risk: Risk;
  etag: string;
  now: Date;
  permissions: RiskPermissions;
  /** The place's escalation threshold. */
  threshold: number;
  heading?: string;
  notice?: Notice;
  values?: RiskCardValues;
  /** The view everyone in a group chat or channel sees: no change buttons, an "Open" button instead. */
  shared?: boolean;
}

function placeLabel(risk: Pick<Risk, 'place' | 'locality'>): string {
  return risk.locality ? `${PLACE_NAMES[risk.place]} (${risk.locality})` : PLACE_NAMES[risk.place];
}

function reviewLabel(risk: Risk, now: Date): string {
  const overdue = isReviewOverdue(risk, now);
  return `${formatDate(risk.nextReviewDate)}${overdue ? ' (overdue)' : ''}`;
}

/** Controls and gaps as listed on the card: each clipped, at most ten, so the card stays small. */
const STATEMENTS_SHOWN = 10;
function statementItems(list: string[]): { text: string }[] {
  const shown = list.slice(0, STATEMENTS_SHOWN).map((t) => ({ text: truncate(t, 200) }));
  return list.length > STATEMENTS_SHOWN ? [...shown, { text: `and ${list.length - STATEMENTS_SHOWN} more` }] : shown;
}

/** Lists are edited one per line in a box of this size; a longer list is not offered for editing, so nothing is cut. */
export const LIST_EDIT_LIMIT = LIMITS.longText;
const editable = (list: string[]) => list.join('\n').length <= LIST_EDIT_LIMIT;

export function riskCard({
  risk,
  etag,
  now,
  permissions,
  threshold,
  heading,
  notice,
  values = {},
  shared = false,
}: RiskCardInputData): AdaptiveCardJson {
  const band = currentBand(risk);
  const score = currentScore(risk);
  const reasons = escalationReasons(risk, { threshold, now });
  const trend = trendOf(risk);
  const previous = risk.scoreHistory.at(-2);
  const facts: { title: string; value: string }[] = [
    { title: 'Place', value: placeLabel(risk) },
    { title: 'Owner', value: plain(risk.owner.name) },
    { title: 'Category', value: RISK_CATEGORIES[risk.category] },
    { title: 'Status', value: RISK_STATUS_LABELS[risk.status] },
    { title: 'Register', value: REGISTER_LEVEL_LABELS[risk.registerLevel] },
    {
      title: 'Appetite',
      value: `${APPETITE_LABELS[risk.appetite.level]}: tolerates up to ${risk.appetite.toleratedScore}; the current score (${score}) is ${score > risk.appetite.toleratedScore ? 'above' : 'within'} it`,
    },
    { title: 'Response', value: RESPONSE_LABELS[risk.response] },
    {
      title: 'Trend',
      value: previous
        ? `${trendText(trend)} since the last review (${riskScore(previous)} → ${score})`
        : `${trendText(trend)}: first assessment`,
    },
    { title: 'Next review', value: isOpenRisk(risk) ? reviewLabel(risk, now) : 'None while closed' },
  ];
  if (risk.strategicObjective)
    facts.push({ title: 'Strategic objective', value: `${risk.strategicObjective}: ${STRATEGIC_OBJECTIVES[risk.strategicObjective]}` });
  if (risk.priority) facts.push({ title: 'Place priority', value: PLACE_PRIORITIES[risk.priority] });
  if (risk.lifeCourse) facts.push({ title: 'Life course', value: risk.lifeCourse });
  const lastLevel = risk.levelChanges.at(-1);
  if (lastLevel)
    facts.push({
      title: lastLevel.to === risk.registerLevel && levelRank(lastLevel.to) > levelRank(lastLevel.from) ? 'Escalated' : 'De-escalated',
      value: `${formatInstant(lastLevel.at)} by ${plain(lastLevel.by.name)}: ${plain(lastLevel.reason)}`,
    });
  if (risk.closure && risk.status === 'CLOSED')
    facts.push({
      title: 'Closed',
      value: `${formatInstant(risk.closure.at)} by ${plain(risk.closure.by.name)}: ${plain(risk.closure.reason)}`,
    });
  if (risk.reopening && risk.status === 'REOPENED')
    facts.push({
      title: 'Reopened',
      value: `${formatInstant(risk.reopening.at)} by ${plain(risk.reopening.by.name)}: ${plain(risk.reopening.reason)}`,
    });
  facts.push({ title: 'Raised by', value: `${plain(risk.raisedBy.name)}, ${formatInstant(risk.raisedAt)}` });
  if (risk.sourceUrl) facts.push({ title: 'Raised from', value: risk.sourceUrl });

  const live = isOpenRisk(risk) && !shared;
  const can = {
    review: live && permissions.review,
    controls: live && permissions.controls && editable(risk.controls) && editable(risk.gapsInControl),
    addAction: live && permissions.addAction,
    escalate: live && permissions.escalate && levelsAbove(risk.registerLevel).length > 0,
    deescalate: live && permissions.deescalate && levelsBelow(risk.registerLevel).length > 0,
    close: live && permissions.close,
    reopen: !shared && !isOpenRisk(risk) && permissions.reopen,
  };
  const rating = (name: string, r: Rating) => ({
    name,
    label: shortRatingLabel(r),
    words: `${LIKELIHOOD_LABELS[r.likelihood]} × ${CONSEQUENCE_LABELS[r.consequence]}`,
    band: String(riskScore(r)),
    ...paint(riskBand(r)),
  });
  const levelChoices = (levels: RegisterLevel[]) => levels.map((l) => ({ title: REGISTER_LEVEL_LABELS[l], value: l }));
  const escalateTo = levelsAbove(risk.registerLevel);
  const deescalateTo = levelsBelow(risk.registerLevel);
  const cellOf = (r: Rating) => `${r.likelihood}:${r.consequence}`;
  const trail = scoreTrail(risk);
  const open = isOpenRisk(risk);
  return renderCard('riskCard', {
    speak: speech(
      heading,
      notice?.text,
      [
        risk.ref,
        truncate(risk.title, 160),
        `current score ${score}`,
        BAND_LABELS[band],
        score > risk.appetite.toleratedScore ? 'above appetite' : 'within appetite',
        open && isReviewOverdue(risk, now) ? 'review overdue' : '',
        open ? '' : RISK_STATUS_LABELS[risk.status],
      ]
        .filter(Boolean)
        .join(', '),
      `Target ${riskScore(risk.target)} ${BAND_LABELS[riskBand(risk.target)]}`,
      previous ? `${TREND_LABELS[trend]} since the last review, from ${riskScore(previous)}` : 'First assessment',
      open && reasons.length > 0 && 'Flagged for escalation',
      risk.registerLevel !== 'PLACE' && `Held on the ${REGISTER_LEVEL_LABELS[risk.registerLevel]}`,
    ),
    charts: chartBlock(
      `Current score at each review: ${trail.current.map((p) => p.score).join(', ')}; target ${riskScore(risk.target)} ${BAND_LABELS[riskBand(risk.target)]}.`,
      trail.current.length >= 2 ? [scoreLine('Current score over its reviews, and the target', trail)] : [],
    ),
    heading: heading ?? `Risk ${risk.ref}`,
    current: { label: `${score} ${BAND_LABELS[band]}`, ...paint(band) },
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    title: plain(risk.title),
    statement: { event: plain(risk.event), cause: plain(risk.cause), effect: plain(risk.effect) },
    escalation: reasons.map((r) => ({ text: ESCALATION_REASON_TEXT[r](risk, threshold) })),
    scores: [rating('Initial', risk.initial), rating('Current', risk.current), rating('Target', risk.target)],
    facts,
    grid: gridBinding(
      'Where it sits on the 5×5 matrix',
      (l, c) => {
        const here = `${l}:${c}`;
        return here === cellOf(risk.current) ? '●' : here === cellOf(risk.target) ? '○' : '';
      },
      '● current score, ○ target. Rows: likelihood; columns: consequence.',
    ),
    controls: statementItems(risk.controls),
    gaps: statementItems(risk.gapsInControl),
    linked: risk.linkedActions.slice(0, 6).map((ref) => ({ ref })),
    history: risk.scoreHistory
      .slice(-5)
      .reverse()
      .map((p) => ({
        when: formatInstant(p.at),
        score: shortRatingLabel(p),
        who: plain(p.by.name),
        note: p.note ? `: ${plain(truncate(p.note, 300))}` : '',
      })),
    can,
    shared,
    ref: risk.ref,
    etag,
    place: risk.place,
    registerTitle: `${PLACE_NAMES[risk.place]} register`,
    today: londonToday(now),
    likelihoods: LIKELIHOOD_CHOICES,
    consequences: CONSEQUENCE_CHOICES,
    escalateTo: levelChoices(escalateTo),
    deescalateTo: levelChoices(deescalateTo),
    values: {
      reviewLikelihood: values.reviewLikelihood ?? String(risk.current.likelihood),
      reviewConsequence: values.reviewConsequence ?? String(risk.current.consequence),
      reviewNote: plain(values.reviewNote ?? ''),
      reviewDate: values.reviewDate ?? '',
      controls: plain(values.controls ?? risk.controls.join('\n')),
      gaps: plain(values.gaps ?? risk.gapsInControl.join('\n')),
      escalateTo: values.escalateTo ?? escalateTo[0] ?? '',
      escalateReason: plain(values.escalateReason ?? ''),
      deescalateTo: values.deescalateTo ?? deescalateTo.at(-1) ?? '',
      deescalateReason: plain(values.deescalateReason ?? ''),
      closeReason: plain(values.closeReason ?? ''),
      reopenReason: plain(values.reopenReason ?? ''),
    },
  });
}

const levelRank = (l: RegisterLevel) => REGISTER_LEVELS.indexOf(l);

/** Escalation reasons in words, with the numbers that triggered them. */
const ESCALATION_REASON_TEXT: Record<EscalationReason, (risk: Risk, threshold: number) => string> = {
  AT_THRESHOLD: (r, t) => `The current score (${currentScore(r)}) is at or above the place’s escalation threshold (${t}).`,
  ABOVE_APPETITE: (r) =>
    `The current score (${currentScore(r)}) is above the ${APPETITE_LABELS[r.appetite.level].toLowerCase()} appetite, which tolerates up to ${r.appetite.toleratedScore}.`,
  REVIEW_OVERDUE: (r) => `The review was due on ${formatDate(r.nextReviewDate)} and is overdue.`,
};

// ------------------------------------------------------------------ the register and "my risks"

export const REGISTER_LIMIT = REGISTER_PAGE_SIZE; // each row is small, but a register card must stay well under 40 KB

export interface ListedRisk {
  risk: Risk;
  threshold: number;
}

function listItem({ risk, threshold }: ListedRisk, now: Date, withPlace: boolean) {
  const band = currentBand(risk);
  const escalated = escalationReasons(risk, { threshold, now }).length > 0;
  const review = `review ${reviewLabel(risk, now)}`;
  return {
    ref: risk.ref,
    title: truncate(risk.title, 120),
    owner: truncate(risk.owner.name, 60),
    detail: withPlace ? `${placeLabel(risk)} · ${review}` : `${BAND_LABELS[band]} · ${review}`,
    score: String(currentScore(risk)),
    trend: trendText(trendOf(risk)),
    flag: escalated
      ? '⚑ Escalate'
      : risk.registerLevel !== 'PLACE'
        ? risk.registerLevel === 'BAF'
          ? 'On the BAF'
          : 'On ICB register'
        : '',
    ...paint(band),
  };
}

function moreLine(listed: ListedRisk[], shown: number): string {
  return listed.length > shown ? `And ${listed.length - shown} more, not shown: open them by ref, e.g. “${listed[shown]!.risk.ref}”.` : '';
}

/** Open risks, highest current score first, then by ref. */
export function compareForRegister(a: Risk, b: Risk): number {
  return currentScore(b) - currentScore(a) || a.ref.localeCompare(b.ref);
}

/** One page of a register, and the summary of all of it (records/risk.ts registerSummary). */
export interface RegisterPaging {
  entries: RegisterEntry[];
  page: number;
  pages: number;
  threshold: number;
}

/**
 * A place's register: the summary, totals and heat map of every open risk, and one page of them
 * (`listed`, with `paging`); without `paging`, `listed` is the whole register and the first page is shown.
 */
export function riskRegisterCard(
  place: PlaceCode,
  listed: ListedRisk[],
  now: Date,
  notice?: Notice,
  paging?: RegisterPaging,
): AdaptiveCardJson {
  const sorted = [...listed].sort((a, b) => compareForRegister(a.risk, b.risk));
  const { entries, page, pages, threshold } = paging ?? {
    entries: listed.map((l) => registerEntryOf(l.risk)),
    page: 0,
    pages: Math.max(1, Math.ceil(listed.length / REGISTER_PAGE_SIZE)),
    threshold: listed[0]?.threshold ?? 15,
  };
  const shown = paging ? sorted : sorted.slice(0, REGISTER_PAGE_SIZE);
  // Totals, heat map and chart count the whole register, not just the page shown.
  const { total: n, byBand, heat: counts, flagged: escalated, reviewsOverdue: overdue } = registerSummary(entries, { threshold, now });
  const bands = [...RISK_BANDS].reverse().map((band) => ({ band, count: byBand[band] }));
  const bandWords = bands.map((b) => `${b.count} ${BAND_LABELS[b.band]}`).join(', ');
  const first = page * REGISTER_PAGE_SIZE;
  const heading = `${PLACE_NAMES[place]} risk register`;
  const summary = `${n} open risk${n === 1 ? '' : 's'} · ${escalated} flagged for escalation · ${overdue} review${overdue === 1 ? '' : 's'} overdue`;
  const nextCount = Math.min(REGISTER_PAGE_SIZE, n - first - shown.length);
  const top = shown[0]?.risk;
  return renderCard('riskRegister', {
    speak: speech(
      heading,
      notice?.text,
      summary.replace(/ · /g, ', '),
      pages > 1 && `Page ${page + 1} of ${pages}`,
      n > 0 && `By band: ${bandWords}`,
      top && `Highest: ${top.ref}, ${truncate(top.title, 120)}, ${currentScore(top)} ${BAND_LABELS[currentBand(top)]}`,
    ),
    charts: n > 0 ? [bandBar('Open risks by band', bands)] : [],
    heading,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    summary,
    totals: bands.map((b) => ({ label: `${BAND_LABELS[b.band]} ${b.count}`, ...paint(b.band) })),
    grid: gridBinding(
      'Heat map of current scores',
      (l, c) => (counts[l]![c]! ? String(counts[l]![c]) : ''),
      'Each cell counts the open risks at that likelihood (row) and consequence (column).',
    ),
    items: shown.map((l) => listItem(l, now, false)),
    more: pages > 1 && shown.length ? `Risks ${first + 1}–${first + shown.length} of ${n}, highest score first.` : '',
    paging: [
      ...(page + 1 < pages && nextCount > 0 ? [{ title: `Next ${nextCount} risks`, place, page: String(page + 1) }] : []),
      ...(page > 0 ? [{ title: 'Back to the highest scores', place, page: '0' }] : []),
    ],
    empty: `No open risks on the ${PLACE_NAMES[place]} register. Raise one with “raise risk”.`,
  });
}

/** Reviews due first (earliest next review date), then the highest score. */
export function compareForOwner(a: Risk, b: Risk): number {
  return a.nextReviewDate < b.nextReviewDate ? -1 : a.nextReviewDate > b.nextReviewDate ? 1 : compareForRegister(a, b);
}

export function myRisksCard(listed: ListedRisk[], now: Date, notice?: Notice): AdaptiveCardJson {
  const sorted = [...listed].sort((a, b) => compareForOwner(a.risk, b.risk));
  const shown = sorted.slice(0, REGISTER_LIMIT);
  const overdue = sorted.filter(({ risk }) => isReviewOverdue(risk, now)).length;
  const heading =
    sorted.length === 0
      ? 'Your open risks'
      : `Your open risks: ${sorted.length}${overdue ? `, ${overdue} review${overdue === 1 ? '' : 's'} overdue` : ''}`;
  const first = shown[0]?.risk;
  return renderCard('myRisks', {
    speak: speech(
      heading,
      notice?.text,
      first &&
        `Review first: ${first.ref}, ${truncate(first.title, 120)}, ${currentScore(first)} ${BAND_LABELS[currentBand(first)]}, review ${reviewLabel(first, now)}`,
      sorted.length === 0 && 'You own no open risks',
    ),
    heading,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    items: shown.map((l) => listItem(l, now, true)),
    more: moreLine(sorted, shown.length),
    empty: 'You own no open risks. Raise one with “raise risk”.',
  });
}
