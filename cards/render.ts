// Binds data to the Adaptive Card templates with adaptivecards-templating.
// Templates are JSON files beside this module; each is parsed once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';

export type CardTemplateName = 'help' | 'actionForm' | 'actionCard' | 'myActions' | 'notice';
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; body: unknown[]; actions?: unknown[]; [k: string]: unknown };

const TEMPLATE_DIR = join(__dirname, 'templates');
const templates = new Map<CardTemplateName, Template>();

export function templateJson(name: CardTemplateName): unknown {
  return JSON.parse(readFileSync(join(TEMPLATE_DIR, `${name}.json`), 'utf8'));
}

function template(name: CardTemplateName): Template {
  let t = templates.get(name);
  if (!t) {
    t = new Template(templateJson(name));
    templates.set(name, t);
  }
  return t;
}

/** Expands a template with data. The data is inserted as values, never evaluated as template text. */
export function renderCard(name: CardTemplateName, data: object): AdaptiveCardJson {
  const card = template(name).expand({ $root: data }) as AdaptiveCardJson;
  delete card.$schema;
  return card;
}
