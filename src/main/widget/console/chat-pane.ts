// One chat the agent takes part in: its messages live through the SDK, the visitor's typing, the
// composer (Enter sends, Shift+Enter is a new line, typing is signalled) and transfer / close.
// Every text is set as text (dom.ts), never parsed as HTML.

import type { Conversation, Message, Participant } from '@twilio/conversations';
import type {
  AgentInfo,
  CannedResponse,
  ChatDetails,
  ChatInfo,
  MediaItem,
  StudioExecution,
  TranscriptLine,
} from './api';
import { CannedPicker } from './canned';
import { detailsPanel, preEngagement } from './details';
import { flowsPanel } from './flows';
import { SHORTCUTS } from './shortcuts';
import type { AgentClient } from './agent-client';
import { attachmentList, PendingFiles, typeLabel } from './attachments';
import { formatSize, type MediaService } from './media';
import { el, replace } from '../src/dom';
import { InOrder } from '../src/in-order';

export { preEngagement };

export interface PaneActions {
  transfer(to: string): Promise<void>;
  close(): Promise<void>;
  /** A message with attachments (text-only ones go through the SDK). */
  send(body: string, media: string[]): Promise<number>;
  transcript(): Promise<TranscriptLine[]>;
  /** The visitor's details and earlier chats, and an earlier chat's messages. */
  details(): Promise<ChatDetails>;
  /** What Studio flows did in the chat. */
  studio(): Promise<StudioExecution[]>;
  earlierTranscript(sid: string): Promise<TranscriptLine[]>;
  /** The account's saved replies. */
  canned(): Promise<CannedResponse[]>;
}

const PAGE = 50;
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One line of a chat log: who wrote it, when, and the text. */
export function messageItem(
  author: string,
  body: string,
  date: Date | null,
  mine: boolean,
  attachments: HTMLElement | null = null,
): HTMLLIElement {
  return el(
    'li',
    { class: mine ? 'msg me' : 'msg' },
    el('span', { class: 'author' }, author),
    date ? el('time', { datetime: date.toISOString() }, time.format(date)) : null,
    body ? el('div', { class: 'text' }, body) : null,
    attachments,
  );
}

/**
 * The transcript as a text file, as the widget's download is: one line a message, and each
 * attachment by name, type and size with a link (temporary: it works for a few minutes).
 */
export async function transcriptText(
  chat: ChatInfo,
  lines: TranscriptLine[],
  media: MediaService,
): Promise<string> {
  const out = [`Chat with ${customerOf(chat)} (${chat.conversation_sid})`, ''];
  for (const line of lines) {
    out.push(`[${new Date(line.date_created).toISOString()}] ${line.author_name}: ${line.body}`);
    for (const m of line.media ?? []) {
      const url = await media.contentUrl(m.sid).catch(() => 'no longer available');
      out.push(
        `    Attachment: ${m.filename ?? m.sid} (${typeLabel(m.content_type)}, ${formatSize(m.size)}) ${url}`,
      );
    }
  }
  return out.join('\n') + '\n';
}

/** A "Download transcript" button: the text file of {@link transcriptText}. */
export function transcriptDownload(
  chat: ChatInfo,
  lines: () => Promise<TranscriptLine[]>,
  media: MediaService,
): HTMLButtonElement {
  return el(
    'button',
    {
      type: 'button',
      class: 'download-transcript',
      onclick: async () => {
        const text = await transcriptText(chat, await lines(), media);
        const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
        const link = el('a', { href: url, download: `transcript-${chat.conversation_sid}.txt` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    },
    'Download transcript',
  );
}

export function customerOf(chat: ChatInfo): string {
  return chat.customer_name || chat.friendly_name || chat.conversation_sid;
}

/** A closed chat's transcript, read from the server (the SDK does not list closed chats). */
export function transcriptView(
  chat: ChatInfo,
  lines: TranscriptLine[],
  self: AgentInfo,
  media: MediaService,
): HTMLElement {
  const log = el('ol', { class: 'log', 'aria-label': 'Transcript' });
  for (const line of lines) {
    log.append(
      messageItem(
        line.author_name,
        line.body,
        new Date(line.date_created),
        line.author === self.identity,
        line.media?.length ? attachmentList(line.media, media) : null,
      ),
    );
  }
  return el(
    'section',
    { class: 'pane transcript', 'data-sid': chat.conversation_sid },
    el('h2', {}, `Transcript: ${customerOf(chat)}`),
    preEngagement(chat),
    lines.length ? log : el('p', { class: 'empty' }, 'No messages.'),
    el(
      'div',
      { class: 'controls' },
      transcriptDownload(chat, () => Promise.resolve(lines), media),
    ),
  );
}

export class ChatPane {
  readonly element: HTMLElement;
  private readonly log = el('ol', {
    class: 'log',
    tabindex: '0',
    'aria-label': 'Messages',
    'aria-live': 'polite',
  });
  private readonly typingLine = el('div', { class: 'typing', 'aria-live': 'polite' });
  private readonly input: HTMLTextAreaElement;
  private readonly status = el('p', { class: 'status', role: 'status' });
  private readonly shown = new Set<number>();
  private readonly sends = new InOrder();
  private readonly typists = new Map<string, string>();
  private conversation: Conversation | undefined;
  private readonly listeners: [string, (value: never) => void][] = [];
  private disposed = false;
  /** The newest message shown: the agent's read horizon once the console is in view. */
  private newest = -1;
  private readonly onVisible = () => this.markRead();
  private readonly files: PendingFiles;
  private readonly picker: CannedPicker;
  private readonly filePicker: HTMLInputElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly detailsSlot = el('div', { class: 'details-slot' });
  /** The highest message index any other participant has read (-1: none). */
  private readByOthers = -1;

  constructor(
    readonly chat: ChatInfo,
    private readonly client: AgentClient,
    private readonly self: AgentInfo,
    others: AgentInfo[],
    private readonly actions: PaneActions,
  ) {
    this.input = el('textarea', {
      rows: '2',
      'aria-label': 'Reply',
      placeholder: 'Type a reply…',
      onkeydown: (e: Event) => this.keydown(e as KeyboardEvent),
      oninput: () => {
        void this.picker.update();
        void this.conversation?.typing().catch(() => {});
      },
      onpaste: (e: Event) => this.paste(e as ClipboardEvent),
    });
    this.input.setAttribute('aria-keyshortcuts', SHORTCUTS.send.aria);
    this.picker = new CannedPicker(this.input, () => actions.canned());
    this.files = new PendingFiles(client.media);
    const accepted = client.media.limits.accepted_types;
    const picker = el('input', {
      type: 'file',
      multiple: true,
      accept: accepted?.length && !accepted.includes('*/*') ? accepted.join(',') : undefined,
      class: 'file-input',
      tabindex: '-1',
      'aria-hidden': 'true',
      onchange: () => {
        if (picker.files) this.files.add(picker.files);
        picker.value = '';
      },
    });
    this.filePicker = picker;
    this.closeButton = el(
      'button',
      {
        type: 'button',
        class: 'close-chat',
        title: `Close chat (${SHORTCUTS.close.keys})`,
        'aria-keyshortcuts': SHORTCUTS.close.aria,
        onclick: () => void this.run(() => actions.close()),
      },
      'Close chat',
    );
    const target = el('select', { class: 'transfer-to', 'aria-label': 'Transfer to' });
    for (const other of others)
      target.append(el('option', { value: other.identity }, other.friendly_name));
    this.element = el(
      'section',
      { class: 'pane live', 'data-sid': chat.conversation_sid },
      el('h2', {}, customerOf(chat)),
      el(
        'div',
        { class: 'pane-body' },
        el(
          'div',
          { class: 'talk' },
          this.log,
          this.typingLine,
          this.files.element,
          this.files.errors,
          this.picker.element,
          el(
            'form',
            {
              class: 'composer',
              onsubmit: (e: Event) => (e.preventDefault(), void this.submit()),
            },
            el(
              'button',
              {
                type: 'button',
                class: 'attach',
                'aria-label': 'Attach files',
                'aria-keyshortcuts': SHORTCUTS.attach.aria,
                title: `Attach files (${SHORTCUTS.attach.keys}; or drop them here, or paste an image)`,
                onclick: () => picker.click(),
              },
              'Attach',
            ),
            el(
              'button',
              {
                type: 'button',
                class: 'canned',
                title: 'Saved replies (type / in an empty reply)',
                onclick: () => void this.picker.openAll(),
              },
              'Saved replies',
            ),
            picker,
            this.input,
            el(
              'button',
              { type: 'submit', class: 'primary', title: `Send (${SHORTCUTS.send.keys})` },
              'Send',
            ),
          ),
          el(
            'div',
            { class: 'controls' },
            others.length ? target : null,
            others.length
              ? el(
                  'button',
                  {
                    type: 'button',
                    class: 'transfer',
                    onclick: () => void this.run(() => actions.transfer(target.value)),
                  },
                  'Transfer',
                )
              : null,
            this.closeButton,
            transcriptDownload(chat, () => actions.transcript(), client.media),
          ),
          this.status,
        ),
        this.detailsSlot,
      ),
    );
    this.element.addEventListener('dragover', (e) => this.dragOver(e));
    this.element.addEventListener('dragleave', () => this.element.classList.remove('dropping'));
    this.element.addEventListener('drop', (e) => this.drop(e));
  }

  private dragOver(e: DragEvent): void {
    if (this.element.classList.contains('ended')) return;
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    this.element.classList.add('dropping');
  }

  private drop(e: DragEvent): void {
    this.element.classList.remove('dropping');
    const files = e.dataTransfer?.files;
    if (!files?.length || this.element.classList.contains('ended')) return;
    e.preventDefault();
    this.files.add(files);
  }

  /** A pasted image (a screenshot) becomes an attachment; pasted text stays text. */
  private paste(e: ClipboardEvent): void {
    const files = e.clipboardData?.files;
    if (!files?.length) return;
    e.preventDefault();
    this.files.add(
      [...files].map((f) =>
        f.name && f.name !== 'image.png'
          ? f
          : new File([f], `pasted-${Date.now()}.${f.type.split('/')[1] || 'png'}`, {
              type: f.type,
            }),
      ),
    );
  }

  async open(): Promise<void> {
    this.status.textContent = 'Loading…';
    const conversation = await this.client.conversation(this.chat.conversation_sid);
    if (this.disposed) return;
    this.conversation = conversation;
    const onUpdated = ({ updateReasons }: { updateReasons: string[] }) => {
      if (updateReasons.includes('state') && conversation.state?.current === 'closed') this.ended();
    };
    this.listen('messageAdded', (m: Message) => void this.show(m));
    this.listen('participantJoined', (p: Participant) => void this.notice(p, 'joined the chat'));
    this.listen('participantLeft', (p: Participant) => void this.notice(p, 'left the chat'));
    this.listen('typingStarted', (p: Participant) => void this.typing(p, true));
    this.listen('typingEnded', (p: Participant) => void this.typing(p, false));
    this.listen('updated', onUpdated as never);
    this.listen('participantUpdated', ((u: {
      participant: Participant;
      updateReasons: string[];
    }) => {
      if (u.updateReasons.includes('lastReadMessageIndex')) this.noteRead(u.participant);
    }) as never);
    // A chat no flow ran in, or a flow view that cannot be read, shows no flow section.
    const flows = this.actions.studio().catch(() => [] as StudioExecution[]);
    void this.actions
      .details()
      .then(async (d) =>
        replace(
          this.detailsSlot,
          detailsPanel(d, (sid) => this.actions.earlierTranscript(sid), flowsPanel(await flows)),
        ),
      )
      .catch(() => replace(this.detailsSlot, preEngagement(this.chat)));
    // The SDK names typists from the participants it holds, which it fetches on first ask.
    const participants = await conversation.getParticipants();
    const page = await conversation.getMessages(PAGE);
    for (const message of page.items) await this.show(message);
    for (const p of participants) this.noteRead(p);
    document.addEventListener('visibilitychange', this.onVisible);
    this.markRead();
    this.status.textContent = '';
    this.element.setAttribute('data-ready', '');
    if (conversation.state?.current === 'closed') this.ended();
    else this.input.focus();
  }

  /** Stops listening: the client lives on, and its conversation with it. */
  dispose(): void {
    this.disposed = true;
    document.removeEventListener('visibilitychange', this.onVisible);
    for (const [event, listener] of this.listeners)
      this.conversation?.removeListener(event as never, listener as never);
    this.listeners.length = 0;
  }

  private listen(event: string, listener: (value: never) => void): void {
    this.conversation?.on(event as never, listener as never);
    this.listeners.push([event, listener]);
  }

  /** The keyboard's Close chat: the button's own action, unless the chat has ended. */
  closeChat(): void {
    if (!this.closeButton.disabled) this.closeButton.click();
  }

  attach(): void {
    if (!this.filePicker.disabled) this.filePicker.click();
  }

  private keydown(e: KeyboardEvent): void {
    if (e.isComposing || this.picker.keydown(e)) return;
    if (e.key === 'Enter' && (!e.shiftKey || e.ctrlKey)) {
      e.preventDefault();
      void this.submit();
    }
  }

  /**
   * Sends after every earlier message is sent (so they are stored in the order typed), then makes
   * sure the message is shown: the SDK drops a message's live event when a page read at the same
   * moment held it (the widget's chat.ts does the same).
   */
  private async submit(): Promise<void> {
    const text = this.input.value;
    const conversation = this.conversation;
    if (!conversation) return;
    if (this.files.count) return this.submitWithFiles(conversation, text);
    if (!text.trim()) return;
    this.input.value = '';
    try {
      await this.sends.run(async () => {
        const index = await conversation.sendMessage(text);
        if (this.shown.has(index)) return;
        const page = await conversation.getMessages(1, index);
        for (const message of page.items) if (message.index === index) await this.show(message);
      });
    } catch {
      this.input.value = text;
      this.status.textContent = 'Not sent; try again.';
    }
  }

  /** Waits for the uploads, then posts text and media as one message of the agent's. */
  private async submitWithFiles(conversation: Conversation, text: string): Promise<void> {
    this.status.textContent = 'Sending…';
    let media: string[];
    try {
      media = await this.files.sids();
    } catch {
      this.status.textContent = 'Not sent: remove the file that failed, or try again.';
      return;
    }
    const body = text.trim() ? text : '';
    this.input.value = '';
    try {
      await this.sends.run(async () => {
        const index = await this.actions.send(body, media);
        this.files.clear();
        this.status.textContent = '';
        if (this.shown.has(index)) return;
        const page = await conversation.getMessages(1, index);
        for (const message of page.items) if (message.index === index) await this.show(message);
      });
    } catch (e) {
      this.input.value = text;
      this.status.textContent = `Not sent: ${e instanceof Error ? e.message : 'try again.'}`;
    }
  }

  private async show(message: Message): Promise<void> {
    if (this.shown.has(message.index)) return;
    this.shown.add(message.index);
    const author = message.author ?? '';
    const media: MediaItem[] = (message.attachedMedia ?? []).map((m) => ({
      sid: m.sid,
      content_type: m.contentType,
      filename: m.filename,
      size: m.size,
    }));
    const item = messageItem(
      await this.client.nameOf(author),
      message.body ?? '',
      message.dateCreated,
      author === this.self.identity,
      media.length ? attachmentList(media, this.client.media) : null,
    );
    item.dataset.index = String(message.index);
    const after = [...this.log.querySelectorAll<HTMLElement>('.msg')].find(
      (li) => Number(li.dataset.index) > message.index,
    );
    this.log.insertBefore(item, after ?? null);
    this.log.scrollTop = this.log.scrollHeight;
    this.markReceipts();
    this.newest = Math.max(this.newest, message.index);
    this.markRead();
  }

  /**
   * Moves the agent's read horizon to the newest message shown while the console is in view (the
   * visitor's "Read"). Not setAllMessagesRead: it reads a page, which can swallow a live event.
   */
  private markRead(): void {
    if (this.newest < 0 || this.disposed || document.visibilityState !== 'visible') return;
    void this.conversation?.advanceLastReadMessageIndex(this.newest).catch(() => {});
  }

  /** Read receipts: the agent's messages up to what another participant has read say "Read". */
  private noteRead(participant: Participant): void {
    if (participant.identity === this.self.identity) return;
    const index = participant.lastReadMessageIndex;
    if (index === null || index === undefined || index <= this.readByOthers) return;
    this.readByOthers = index;
    this.markReceipts();
  }

  private markReceipts(): void {
    for (const li of this.log.querySelectorAll<HTMLElement>('.msg.me:not([data-read])')) {
      if (Number(li.dataset.index) > this.readByOthers) continue;
      li.setAttribute('data-read', '');
      li.append(el('span', { class: 'read', 'aria-label': 'Read by the visitor' }, 'Read'));
    }
  }

  private async notice(participant: Participant, what: string): Promise<void> {
    if (participant.identity === this.self.identity) return;
    const name = await this.client.nameOf(participant.identity ?? '');
    this.log.append(el('li', { class: 'notice' }, `${name} ${what}`));
  }

  private async typing(participant: Participant, started: boolean): Promise<void> {
    const identity = participant.identity ?? participant.sid;
    if (started) this.typists.set(identity, '');
    else this.typists.delete(identity);
    const name = await this.client.nameOf(identity);
    if (this.typists.has(identity)) this.typists.set(identity, name);
    const names = [...this.typists.values()].filter(Boolean);
    this.typingLine.textContent = names.length
      ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…`
      : '';
  }

  private ended(): void {
    // Nothing can be sent, transferred or closed any more.
    for (const control of this.element.querySelectorAll<
      HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement
    >(
      '.composer button, .composer input, .composer textarea, .controls button, .controls select, .pending button',
    ))
      if (!control.classList.contains('download-transcript')) control.disabled = true;
    this.element.classList.add('ended');
    replace(this.status, 'This chat has ended.');
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.status.textContent = '';
    try {
      await action();
    } catch (e) {
      this.status.textContent = e instanceof Error ? e.message : 'That did not work.';
    }
  }
}
