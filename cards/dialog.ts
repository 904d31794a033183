// A form card as it goes into a Teams dialog (task module), e.g. from a message action.
// Dialogs submit with Action.Submit only (Universal Actions are for cards in the conversation)
// and have their own close button, so the form's submit action becomes its Action.Submit
// fallback and the other actions (Cancel) are left out. The body is the same card, unchanged.
import type { AdaptiveCardJson } from './render.js';

interface CardAction {
  type?: string;
  verb?: string;
  fallback?: unknown;
  [k: string]: unknown;
}

export function dialogForm(card: AdaptiveCardJson, submitVerb: string): AdaptiveCardJson {
  const actions = (card.actions ?? []) as CardAction[];
  const submit = actions.find((a) => a.type === 'Action.Execute' && a.verb === submitVerb);
  const fallback = submit?.fallback as CardAction | undefined;
  if (!fallback || fallback.type !== 'Action.Submit')
    throw new Error(`the form has no ${submitVerb} action with an Action.Submit fallback`);
  return { ...card, actions: [fallback] };
}
