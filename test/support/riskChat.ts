// A risk in chat, shared by its bot tests (test/integration/bot/riskFlow.test.ts and
// riskForm.test.ts): Blackpool's chair, the place set up with its escalation threshold and
// default appetite, a valid risk form as Alex would fill it in, and the verbs a card offers.
import { randomUUID } from 'node:crypto';
import { ALEX, type BotHarness, type Sender } from './botHarness.js';
import { checkCard } from './cardCheck.js';

export const CHAIR: Sender = { id: 'aad-helen', name: 'Helen Price' };

/** Blackpool with Helen as chair, an escalation threshold of 15 and a cautious default appetite. */
export async function setUpBlackpool(bot: BotHarness): Promise<void> {
  await bot.runtime.places.put({
    place: 'BPL',
    displayName: 'Blackpool',
    chairs: [{ id: CHAIR.id, name: CHAIR.name }],
    escalationThreshold: 15,
    defaultAppetite: { level: 'cautious' },
  });
}

export const verbs = (card: unknown) => checkCard(card).executeActions.map((a) => a.verb);

export const validForm = (overrides: Record<string, unknown> = {}) => ({
  place: 'BPL',
  title: 'Too many asks on the same neighbourhood capacity',
  event: 'neighbourhood teams cannot take on every new programme at once',
  cause: 'several partners asking the same small teams for the same things',
  effect: 'delays to care closer to home and staff burnout',
  category: 'workforce',
  owner: ALEX.id,
  initialLikelihood: '4',
  initialConsequence: '5',
  targetLikelihood: '2',
  targetConsequence: '3',
  controls: 'Monthly capacity review at the place leadership team',
  gaps: 'No single log of asks across partners',
  appetite: '',
  response: 'treat',
  people: [{ id: ALEX.id, name: ALEX.name }],
  formId: randomUUID(),
  ...overrides,
});
