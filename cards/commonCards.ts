import { renderCard, type AdaptiveCardJson } from './render.js';

export type NoticeStyle = 'good' | 'attention' | 'warning' | 'accent' | 'default';
/** A line of news on a card: what just happened, or why it did not. */
export interface Notice {
  text: string;
  style: NoticeStyle;
}

/** Where a prefilled form came from (e.g. a Teams message): shown as a link and carried in the submit data. */
export interface FormSource {
  url: string;
  label: string;
}

/** The form's `source` binding: empty strings hide the line. */
export function sourceBinding(source: FormSource | undefined): FormSource {
  return source ? { url: source.url, label: source.label.slice(0, 200) } : { url: '', label: '' };
}

export function helpCard(notice = ''): AdaptiveCardJson {
  return renderCard('help', { notice });
}

/** A short message with a way back to help: for errors and dead ends. */
export function noticeCard(heading: string, message: string): AdaptiveCardJson {
  return renderCard('notice', { heading, message });
}
