import { renderCard, type AdaptiveCardJson } from './render.js';

export function helpCard(notice = ''): AdaptiveCardJson {
  return renderCard('help', { notice });
}

/** A short message with a way back to help: for errors and dead ends. */
export function noticeCard(heading: string, message: string): AdaptiveCardJson {
  return renderCard('notice', { heading, message });
}
