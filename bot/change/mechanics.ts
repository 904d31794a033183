// The shared mechanics every flow is built on, made once per bot and shared: who is speaking and
// what they may see, the one change pipeline, the one create path, and the reactions one kind's
// records have to another's changes. A flow declares its kind; it is given these.
import type { BotDeps } from '../ports.js';
import { Audience } from './audience.js';
import { CardChanges } from './cardChanges.js';
import { Reactions } from './reactions.js';
import { RecordCreation } from './recordCreation.js';

export interface Mechanics {
  audience: Audience;
  changes: CardChanges;
  creation: RecordCreation;
  reactions: Reactions;
}

export function mechanicsFor(deps: BotDeps): Mechanics {
  const reactions = new Reactions();
  const audience = new Audience(deps);
  const changes = new CardChanges(deps, reactions);
  return { audience, changes, creation: new RecordCreation(deps, audience, changes, reactions), reactions };
}
