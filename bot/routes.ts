// Where a flow says what it answers: typed commands, card verbs, the compose box's search, a
// message's "…" actions, file consent and a look at every turn. The port between the flows and
// Teams' SDK, as bot/turn.ts is for one turn: bot/teams/routes.ts registers these with teams-ai,
// and a move to another SDK re-implements that file, not the flows.
import type { AdaptiveCardJson } from '../cards/render.js';
import type { Turn } from './turn.js';

/**
 * A card back to the person who clicked, or a line of text: Teams shows the text and leaves the
 * card as it was, with whatever the person typed still in it (for "nothing was saved" when the
 * record could not even be read).
 */
export type CardHandler = (turn: Turn, data: Record<string, unknown>) => Promise<AdaptiveCardJson | string>;

/** A card in the compose box's results list, with the small preview Teams shows for it. */
export interface SearchAttachment {
  contentType: string;
  content: unknown;
  preview?: { contentType: string; content: unknown };
}

/** What a search message extension answers: results, or one line of text. */
export type SearchAnswer =
  { type: 'result'; attachmentLayout: 'list'; attachments: SearchAttachment[] } | { type: 'message'; text: string };

/** A dialog Teams opens from a message's "…" action, holding one card. */
export interface DialogAnswer {
  title: string;
  width: 'large' | 'medium' | 'small';
  height: 'large' | 'medium' | 'small';
  card: AdaptiveCardJson;
}

export interface BotRoutes {
  /** A typed message matching `pattern` (the @mention of the bot already taken out). */
  message(pattern: RegExp, handler: (turn: Turn) => Promise<void>): void;
  /** A card's Action.Execute verb (and its Action.Submit fallback): the answer goes to whoever clicked. */
  cardVerb(verb: string, handler: CardHandler): void;
  /** The search message extension's query, with its parameters by name. */
  searchQuery(commandId: string, handler: (turn: Turn, parameters: Record<string, unknown>) => Promise<SearchAnswer>): void;
  /** A result chosen from the search message extension. */
  searchSelect(handler: (turn: Turn, item: unknown) => Promise<SearchAnswer>): void;
  /** A message action: its dialog opened, and its dialog submitted (a dialog again, or a closing line). */
  messageAction(
    commandId: string,
    handlers: {
      open(turn: Turn): Promise<DialogAnswer | string>;
      submit(turn: Turn, data: Record<string, unknown>): Promise<DialogAnswer | string>;
    },
  ): void;
  /** A message carrying a file a person attached (their 1:1 chat): Teams gives a download link, never the file. */
  fileAttached(handler: (turn: Turn) => Promise<void>): void;
  /** A file consent card answered (personal chat): accepted or declined. */
  fileConsent(handlers: { accepted(turn: Turn): Promise<void>; declined(turn: Turn): Promise<void> }): void;
  /** A look at every turn before its route runs (e.g. remembering a personal chat); never stops it. */
  everyTurn(handler: (turn: Turn) => Promise<void>): void;
}
