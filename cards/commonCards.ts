import { renderCard, type AdaptiveCardJson } from './render.js';

export type NoticeStyle = 'good' | 'attention' | 'warning' | 'accent' | 'default';
/** A line of news on a card: what just happened, or why it did not. */
export interface Notice {
  text: string;
  style: NoticeStyle;
}

export function helpCard(notice = ''): AdaptiveCardJson {
  return renderCard('help', { notice });
}

/** A short message with a way back to help: for errors and dead ends. */
export function noticeCard(heading: string, message: string): AdaptiveCardJson {
  return renderCard('notice', { heading, message });
}
