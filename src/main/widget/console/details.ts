// The visitor's details beside an open chat: every pre-engagement answer under a label, the page
// the chat started from, and the visitor's earlier chats, each with its transcript on demand.

import type { ChatDetails, ChatInfo, TranscriptLine } from './api';
import { el, replace } from '../src/dom';

/** Labels for the widget's and Flex's pre-engagement keys. */
const LABELS: Record<string, string> = {
  friendlyName: 'Name',
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  query: 'Question',
  question: 'Question',
  location: 'Page',
};

/** `orderNumber`, `order_number` and `order-number` read "Order number". */
export function labelOf(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An http(s) URL, or null: a visitor-supplied "page" is never a javascript: link. */
function webUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The pre-engagement answers as a definition list; nothing when there are none. */
export function preEngagement(chat: ChatInfo): HTMLElement | null {
  const entries = Object.entries(chat.pre_engagement_data ?? {});
  if (entries.length === 0) return null;
  const list = el('dl', { class: 'pre-engagement' });
  for (const [key, value] of entries) {
    const url = key === 'location' ? webUrl(value) : null;
    list.append(
      el('dt', {}, labelOf(key)),
      el(
        'dd',
        {},
        url
          ? el('a', { class: 'page', href: url, target: '_blank', rel: 'noopener noreferrer' }, url)
          : text(value),
      ),
    );
  }
  return list;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The details panel; `transcript` reads an earlier chat's messages. */
export function detailsPanel(
  details: ChatDetails,
  transcript: (sid: string) => Promise<TranscriptLine[]>,
): HTMLElement {
  const earlier = el('ul', { class: 'earlier', 'aria-label': 'Earlier chats' });
  for (const chat of details.earlier_chats) {
    const lines = el('ol', { class: 'earlier-log' });
    const toggle = el(
      'button',
      {
        type: 'button',
        class: 'show-earlier',
        'aria-expanded': 'false',
        onclick: async () => {
          if (toggle.getAttribute('aria-expanded') === 'true') {
            toggle.setAttribute('aria-expanded', 'false');
            replace(lines);
            return;
          }
          toggle.setAttribute('aria-expanded', 'true');
          try {
            const messages = await transcript(chat.conversation_sid);
            replace(
              lines,
              ...messages.map((m) =>
                el(
                  'li',
                  {},
                  el('span', { class: 'author' }, `${m.author_name}: `),
                  m.body,
                  m.media?.length
                    ? ` (${m.media.map((f) => f.filename ?? 'file').join(', ')})`
                    : '',
                ),
              ),
            );
            if (!messages.length) lines.append(el('li', {}, 'No messages.'));
          } catch {
            replace(lines, el('li', {}, 'Cannot read this chat.'));
          }
        },
      },
      'Messages',
    );
    earlier.append(
      el(
        'li',
        { 'data-sid': chat.conversation_sid },
        el('time', { datetime: chat.date_created }, when.format(new Date(chat.date_created))),
        el('span', { class: 'state' }, chat.state === 'closed' ? ' · closed' : ' · open'),
        chat.preview ? el('q', { class: 'preview' }, chat.preview) : null,
        toggle,
        lines,
      ),
    );
  }
  return el(
    'aside',
    { class: 'details', 'aria-label': 'Visitor details' },
    el('h3', {}, 'Visitor'),
    preEngagement(details.chat) ?? el('p', { class: 'none' }, 'No details given.'),
    details.visitor_identity
      ? el('p', { class: 'identity' }, 'Identity: ', el('code', {}, details.visitor_identity))
      : null,
    el('h3', {}, 'Earlier chats'),
    details.earlier_chats.length ? earlier : el('p', { class: 'none' }, 'None.'),
  );
}
