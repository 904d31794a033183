// Binds data to the Adaptive Card templates with adaptivecards-templating.
// Templates are JSON modules, so the build carries them into dist/ with the code.
import { Template } from 'adaptivecards-templating';
import actionCard from './templates/actionCard.json';
import actionForm from './templates/actionForm.json';
import digest from './templates/digest.json';
import help from './templates/help.json';
import keyMessages from './templates/keyMessages.json';
import meetingCard from './templates/meetingCard.json';
import meetingForm from './templates/meetingForm.json';
import meetingList from './templates/meetingList.json';
import myActions from './templates/myActions.json';
import placeActions from './templates/placeActions.json';
import notice from './templates/notice.json';
import myRisks from './templates/myRisks.json';
import riskCard from './templates/riskCard.json';
import riskForm from './templates/riskForm.json';
import riskRegister from './templates/riskRegister.json';
import searchResults from './templates/searchResults.json';
import setup from './templates/setup.json';
import signOffCard from './templates/signOffCard.json';
import signOffForm from './templates/signOffForm.json';
import signOffList from './templates/signOffList.json';
import signOffPlace from './templates/signOffPlace.json';
import boardPack from './templates/boardPack.json';
import youSaid from './templates/youSaid.json';

const TEMPLATES = {
  help,
  actionForm,
  actionCard,
  myActions,
  placeActions,
  notice,
  digest,
  setup,
  riskForm,
  riskCard,
  riskRegister,
  myRisks,
  signOffCard,
  signOffForm,
  signOffList,
  signOffPlace,
  searchResults,
  boardPack,
  meetingForm,
  meetingCard,
  meetingList,
  keyMessages,
  youSaid,
} as const;

export type CardTemplateName = keyof typeof TEMPLATES;
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; body: unknown[]; actions?: unknown[]; [k: string]: unknown };

const compiled = new Map<CardTemplateName, Template>();

export function templateNames(): CardTemplateName[] {
  return Object.keys(TEMPLATES) as CardTemplateName[];
}

/**
 * Expands a template with data. The data is inserted as values, never evaluated as template text.
 * Every card says what it shows: `speak` (cards/text.ts `speech`) becomes the card's `speak`, which
 * Teams' screen-reader support reads instead of the layout.
 */
export function renderCard(name: CardTemplateName, data: { speak: string; [key: string]: unknown }): AdaptiveCardJson {
  let template = compiled.get(name);
  if (!template) {
    template = new Template(TEMPLATES[name]);
    compiled.set(name, template);
  }
  const card = template.expand({ $root: data }) as AdaptiveCardJson;
  delete card.$schema;
  card.speak = data.speak;
  return card;
}
