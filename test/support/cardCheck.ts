// Checks a card the way a Teams client would parse it, with the official `adaptivecards`
// library (its UMD build parses and validates without a DOM).
import { expect } from 'chai';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

export interface CardReport {
  warnings: string[];
  bytes: number;
  executeActions: Record<string, unknown>[];
  inputIds: string[];
}

/** Parse warnings, validation failures, size, and every Action.Execute and input id in the card. */
export function checkCard(card: unknown): CardReport {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) warnings.push(e.message);
  const executeActions: Record<string, unknown>[] = [];
  const inputIds: string[] = [];
  walk(card, (node) => {
    if (node.type === 'Action.Execute') executeActions.push(node);
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') inputIds.push(node.id);
    // Teams' chart elements are unknown to this renderer, which says so and draws the fallback:
    // that is the expected path for a chart with a fallback element, so only that notice is excused.
    if (isChart(node) && hasFallbackElement(node)) {
      const i = warnings.indexOf(`Unknown element type "${String(node.type)}". Fallback will be used if present.`);
      if (i >= 0) warnings.splice(i, 1);
    }
  });
  return { warnings, bytes: Buffer.byteLength(JSON.stringify(card)), executeActions, inputIds };
}

/** Teams' chart elements (Chart.Donut, Chart.VerticalBar, Chart.Line, Chart.Gauge, …). */
export function isChart(node: Record<string, unknown>): boolean {
  return typeof node.type === 'string' && node.type.startsWith('Chart.');
}

/** A fallback that shows something (a FactSet, TextBlock, …), not "drop". */
function hasFallbackElement(node: Record<string, unknown>): boolean {
  const f = node.fallback as { type?: unknown } | undefined;
  return !!f && typeof f === 'object' && typeof f.type === 'string' && !f.type.startsWith('Chart.');
}

/** Every chart element in the card, wherever it sits. */
export function chartsIn(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  walk(card, (n) => {
    if (isChart(n)) found.push(n);
  });
  return found;
}

/**
 * What keeps a card from being read without sight: no card-level `speak`, an input without a
 * `label` (a placeholder is not one) or without an `errorMessage`, an image without `altText`,
 * a chart without a fallback element that says the same in words. Empty when there is nothing.
 */
export function accessibilityProblems(card: unknown): string[] {
  const problems: string[] = [];
  const speak = (card as { speak?: unknown }).speak;
  if (typeof speak !== 'string' || speak.trim() === '') problems.push('the card has no speak text');
  walk(card, (n) => {
    const type = typeof n.type === 'string' ? n.type : '';
    const named = typeof n.id === 'string' ? n.id : type;
    if (type.startsWith('Input.')) {
      if (typeof n.label !== 'string' || n.label.trim() === '') problems.push(`input ${named} has no label`);
      if (typeof n.errorMessage !== 'string' || n.errorMessage.trim() === '') problems.push(`input ${named} has no errorMessage`);
    }
    if (type === 'Image' && (typeof n.altText !== 'string' || n.altText.trim() === ''))
      problems.push(`image ${String(n.url ?? named).slice(0, 60)} has no altText`);
    if (isChart(n) && !hasFallbackElement(n)) problems.push(`chart ${type} has no fallback element`);
  });
  return problems;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** All text a person would read on the card, in order (for assertions on what they see). */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  walk(card, (n) => {
    for (const key of ['text', 'title', 'label', 'value', 'placeholder']) if (typeof n[key] === 'string') parts.push(n[key] as string);
  });
  return parts.join('\n');
}

/** The input with this id, wherever it sits in the card. */
export function findInput(card: unknown, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walk(card, (n) => {
    if (!found && typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id) found = n;
  });
  return found;
}

/**
 * The checks every card must pass, as one `describe` per bound card: parses with no warnings,
 * Adaptive Cards 1.5, a verb and an Action.Submit fallback on every Action.Execute, < 40 KB,
 * nothing left unbound.
 */
export function describeTeamsCard(name: string, build: () => { version: string }): void {
  describe(name, () => {
    const card = build();
    const report = checkCard(card);
    it('parses in the official Adaptive Cards library with no warnings', () => expect(report.warnings).to.deep.equal([]));
    it('is Adaptive Cards 1.5, which Teams renders', () => expect(card.version).to.equal('1.5'));
    it('gives every Action.Execute a verb and an Action.Submit fallback', () => {
      for (const a of report.executeActions) {
        expect(a.verb, JSON.stringify(a)).to.be.a('string').and.not.equal('');
        expect((a.fallback as { type?: string })?.type).to.equal('Action.Submit');
      }
    });
    it('stays under 40 KB', () => expect(report.bytes).to.be.below(40 * 1024));
    it('leaves no unbound template expression', () => expect(JSON.stringify(card)).not.to.match(/\$\{|\$data|\$when/));
  });
}
