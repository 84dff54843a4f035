// The transcript a visitor downloads once the chat has ended: a plain-text file made in the
// browser from the whole history (nothing is sent anywhere). One line per message, "time name:
// text"; a message's further lines follow indented by two spaces, so every line that starts with
// a time starts a message. Times are the visitor's local time, in one format for every language.

import { formatSize, typeLabel } from './attachments';
import type { ChatMessage } from './chat';
import type { Config } from './config';
import { el } from './dom';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const minute = (d: Date) => `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/**
 * The file's text: the title, a blank line, then the messages. `me` names the visitor's own
 * messages (their author is undefined); the others' names are as shown (masked when the page
 * masks agents). A message's files follow its text, one line each ("Attachment: cat.png (PNG,
 * 14.2 kB)"): their names, not links, as a file's temporary URL lasts minutes.
 */
export function transcriptText(config: Config, messages: ChatMessage[], me: string): string {
  const { t, lang } = config;
  const lines = [config.title, ''];
  for (const message of messages) {
    const body = message.body ? message.body.replace(/\r\n?/g, '\n').split('\n') : [];
    const files = message.media.map(
      (media) =>
        `${t.attachment}: ${media.filename || '?'} (${typeLabel(media.filename, media.contentType)}, ${formatSize(media.size, lang)})`,
    );
    const [first = '', ...rest] = [...body, ...files];
    const when = message.date ? minute(message.date) + ' ' : '';
    lines.push(`${when}${message.author ?? me}: ${first}`, ...rest.map((line) => `  ${line}`));
  }
  return lines.join('\n') + '\n';
}

/** `<title>-transcript-<date>.txt`, dated by the chat's first message (else today). */
export function transcriptName(title: string, messages: ChatMessage[]): string {
  // Characters no file system takes, and spaces, which some downloads turn into %20.
  // eslint-disable-next-line no-control-regex -- control characters are among those removed
  const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g;
  const name = title.replace(unsafe, '').trim().replace(/\s+/g, '-') || 'chat';
  return `${name}-transcript-${day(messages.find((m) => m.date)?.date ?? new Date())}.txt`;
}

/** Hands `text` to the browser as a download named `name`. */
export function download(parent: Node, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = el('a', { href: url, download: name, hidden: true });
  parent.appendChild(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
