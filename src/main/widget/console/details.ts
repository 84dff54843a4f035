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

/**
 * Keys the server writes for a verified visitor: never shown as answers, so an anonymous visitor
 * who types them shows nothing that looks like a verification.
 */
const MARKERS = new Set(['verified', 'signedFields', 'identity_verified']);

/** Labels of the signed fields (docs/verified-visitors.md). */
const SIGNED_LABELS: Record<string, string> = {
  identity: 'Identity',
  friendlyName: 'Name',
  email: 'E-mail',
};

/** The mark of a visitor whose identity the site signed; null for any other visitor. */
export function verifiedMark(chat: ChatInfo): HTMLElement | null {
  if (chat.verified !== true) return null;
  return el(
    'span',
    {
      class: 'verified',
      role: 'img',
      'aria-label': 'Verified visitor',
      title: "Verified: the site signed this visitor's identity",
    },
    '\u2713 Verified',
  );
}

/**
 * The keys the site's signature covers: `signedFields` of a verified chat (only those the server
 * listed, so a value typed into a prefilled form never passes for a signed one); none otherwise.
 */
function signedKeys(chat: ChatInfo): Set<string> {
  const names = chat.verified === true ? chat.pre_engagement_data?.signedFields : undefined;
  return new Set(
    Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
  );
}

/** The signed fields under their labels (each signed attribute on its own line). */
function verifiedFields(chat: ChatInfo, signed: Set<string>): HTMLElement | null {
  if (signed.size === 0) return null;
  const data = chat.pre_engagement_data;
  const list = el('dl', { class: 'verified-fields', 'aria-label': 'Verified fields' });
  for (const key of ['identity', 'friendlyName', 'email']) {
    if (signed.has(key) && data[key] !== undefined) {
      list.append(el('dt', {}, SIGNED_LABELS[key]), el('dd', {}, text(data[key])));
    }
  }
  const attributes = data.attributes;
  if (signed.has('attributes') && attributes && typeof attributes === 'object') {
    for (const [key, value] of Object.entries(attributes as Record<string, unknown>)) {
      list.append(el('dt', {}, labelOf(key)), el('dd', {}, text(value)));
    }
  }
  return el('div', { class: 'verified-block' }, el('h4', {}, 'Verified by the site'), list);
}

/**
 * The pre-engagement answers as a definition list, after the signed fields of a verified visitor;
 * nothing when there are none.
 */
export function preEngagement(chat: ChatInfo): HTMLElement | null {
  const signed = signedKeys(chat);
  const verified = verifiedFields(chat, signed);
  const entries = Object.entries(chat.pre_engagement_data ?? {}).filter(
    ([key]) => !MARKERS.has(key) && !signed.has(key),
  );
  if (entries.length === 0) return verified;
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
  return verified ? el('div', {}, verified, list) : list;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The details panel; `transcript` reads an earlier chat's messages, `flows` is what Studio flows
 * did in the chat (null for none).
 */
export function detailsPanel(
  details: ChatDetails,
  transcript: (sid: string) => Promise<TranscriptLine[]>,
  flows: HTMLElement | null = null,
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
    el('h3', {}, 'Visitor ', verifiedMark(details.chat)),
    preEngagement(details.chat) ?? el('p', { class: 'none' }, 'No details given.'),
    details.visitor_identity
      ? el('p', { class: 'identity' }, 'Identity: ', el('code', {}, details.visitor_identity))
      : null,
    el('h3', {}, 'Earlier chats'),
    details.earlier_chats.length ? earlier : el('p', { class: 'none' }, 'None.'),
    flows,
  );
}
