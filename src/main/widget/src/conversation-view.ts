// The conversation: the message log (paging upward on scroll), the typing line, the composer
// (Enter sends, Shift+Enter is a new line), "End chat" (asked twice) and an ARIA live region that
// reads out what others write. Once the chat has ended: the transcript and a new chat. Message
// text is only ever set as text (dom.ts), never parsed as HTML.

import { AttachmentTray, mediaElement, type Limits } from './attachments';
import type { ChatMessage } from './chat';
import type { Config } from './config';
import { el, replace } from './dom';
import { download } from './transcript';

export interface ConversationActions {
  /** Sends the text and files; `progress` hears how much of the files is uploaded (0 to 1). */
  send(text: string, files: File[], progress: (fraction: number) => void): Promise<void>;
  /** What the server takes, checked before a file is accepted. */
  limits(): Limits;
  typed(): void;
  earlier(): Promise<ChatMessage[]>;
  hasEarlier(): boolean;
  newChat(): void;
  /** Closes the conversation for everyone. */
  end(): Promise<void>;
  /** The whole chat as a text file. */
  transcript(): Promise<{ name: string; text: string }>;
}

export class ConversationView {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly log: HTMLOListElement;
  private readonly typingLine: HTMLElement;
  private readonly live: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly endBar: HTMLElement;
  private readonly endButton: HTMLButtonElement;
  private readonly tray: AttachmentTray | undefined;
  private over = false;
  /** Ending the chat or making the transcript: further clicks wait for it. */
  private busy = false;
  private readonly shown = new Set<string>();
  private loading = false;
  private settled = false;
  private readUpTo = -1;
  private readonly time: Intl.DateTimeFormat;

  constructor(
    private readonly config: Config,
    private readonly actions: ConversationActions,
  ) {
    const { t } = config;
    this.time = new Intl.DateTimeFormat(config.lang, { hour: '2-digit', minute: '2-digit' });
    this.log = el('ol', { class: 'log', tabindex: '0', 'aria-label': t.messages });
    this.typingLine = el('div', { class: 'typing', 'aria-live': 'polite' });
    this.live = el('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'false' });
    this.input = el('textarea', {
      rows: '1',
      'aria-label': t.messageLabel,
      placeholder: t.placeholder,
      onkeydown: (e: Event) => this.keydown(e as KeyboardEvent),
      oninput: () => actions.typed(),
    });
    // Files: the attach button, images pasted into the message box, files dropped on the chat.
    this.tray = config.attachments
      ? new AttachmentTray(
          config,
          () => actions.limits(),
          () => this.input.focus(),
        )
      : undefined;
    if (this.tray) {
      const tray = this.tray;
      this.input.addEventListener('paste', (e) => {
        const files = [...(e.clipboardData?.files ?? [])];
        if (!files.length || !tray.accepting()) return;
        e.preventDefault();
        tray.add(files);
      });
    }
    this.footer = el(
      'form',
      { class: 'composer', onsubmit: (e: Event) => (e.preventDefault(), void this.submit()) },
      this.tray?.element,
      el(
        'div',
        { class: 'row' },
        this.tray?.button,
        this.input,
        el('button', { type: 'submit', class: 'primary' }, t.send),
      ),
    );
    this.endButton = el(
      'button',
      { type: 'button', class: 'link', onclick: () => this.confirmEnd() },
      t.endChat,
    );
    this.endBar = el('div', { class: 'end' }, this.endButton);
    this.log.addEventListener('scroll', () => void this.maybeLoadEarlier());
    this.element = el(
      'div',
      { class: 'conversation' },
      this.log,
      this.typingLine,
      this.footer,
      this.endBar,
      this.live,
      this.tray ? el('div', { class: 'drop', 'aria-hidden': 'true' }, t.dropHere) : null,
    );
    if (this.tray) this.acceptDrops(this.tray);
  }

  /** Files dragged over the conversation can be dropped on it while the chat is open. */
  private acceptDrops(tray: AttachmentTray): void {
    let depth = 0;
    const carriesFiles = (e: DragEvent) =>
      tray.accepting() && e.dataTransfer?.types.includes('Files') === true;
    const dropping = (on: boolean) => this.element.classList.toggle('dropping', on);
    this.element.addEventListener('dragenter', (e) => {
      if (this.over || !carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      dropping(true);
    });
    this.element.addEventListener('dragover', (e) => {
      if (this.over || !carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    });
    this.element.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) dropping(false);
    });
    this.element.addEventListener('drop', (e) => {
      depth = 0;
      dropping(false);
      if (this.over || !carriesFiles(e)) return;
      e.preventDefault();
      tray.add([...(e.dataTransfer?.files ?? [])]);
      this.input.focus();
    });
  }

  /**
   * The confirm step, so that a stray click ends nothing: the focus goes to "Keep chatting" (the
   * harmless answer), Tab reaches "End chat", Escape takes the question back.
   */
  private confirmEnd(): void {
    const { t } = this.config;
    const keep = el(
      'button',
      { type: 'button', class: 'secondary', onclick: () => this.keepChatting() },
      t.keepChatting,
    );
    const end = el(
      'button',
      { type: 'button', class: 'primary', onclick: () => void this.end(keep, end) },
      t.endConfirmed,
    );
    const group = el(
      'div',
      {
        class: 'confirm',
        role: 'group',
        'aria-labelledby': 'parley-end-question',
        onkeydown: (e: Event) => {
          if ((e as KeyboardEvent).key !== 'Escape') return;
          e.stopPropagation(); // the question goes, the panel stays open
          this.keepChatting();
        },
      },
      el('span', { id: 'parley-end-question' }, t.endQuestion),
      keep,
      end,
    );
    replace(this.endBar, group);
    keep.focus();
  }

  private keepChatting(): void {
    if (this.busy) return;
    replace(this.endBar, this.endButton);
    this.endButton.focus();
  }

  /** While it runs the buttons say so but keep the focus (a disabled button would drop it). */
  private async end(keep: HTMLButtonElement, end: HTMLButtonElement): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (const button of [keep, end]) button.setAttribute('aria-disabled', 'true');
    end.textContent = this.config.t.ending;
    try {
      await this.actions.end();
      this.busy = false;
      this.ended();
    } catch {
      this.busy = false;
      this.keepChatting();
      this.notice(this.config.t.endFailed);
    }
  }

  message(message: ChatMessage, live: boolean): void {
    if (this.shown.has(message.sid)) return;
    this.shown.add(message.sid);
    const stick = this.atBottom() || message.author === undefined;
    const bubble = this.bubble(message);
    const pending =
      message.author === undefined ? this.pendingWith(message.body, names(message)) : undefined;
    if (pending) pending.replaceWith(bubble);
    else this.log.append(bubble);
    this.group();
    if (stick) this.log.scrollTop = this.log.scrollHeight;
    if (live && message.author !== undefined) {
      const said = [message.body, ...names(message)].filter(Boolean).join(' ');
      this.announce(this.config.t.newMessage(message.author, said));
    }
  }

  /** The latest page is shown (`data-ready` tells tests and styles so). */
  ready(): void {
    this.element.setAttribute('data-ready', '');
    if (!this.over) this.tray?.enable();
    this.settle();
  }

  /**
   * Once the log is on screen (the panel may have been closed while the history loaded): its
   * bottom in view, and the page before when the first does not fill it (nothing to scroll).
   */
  settle(): void {
    if (!this.element.hasAttribute('data-ready') || this.log.clientHeight === 0) return;
    if (!this.settled) {
      this.settled = true;
      this.log.scrollTop = this.log.scrollHeight;
    }
    if (this.log.scrollHeight <= this.log.clientHeight) void this.maybeLoadEarlier();
  }

  /** Marks the visitor's messages up to `index` as read by the others (also those shown later). */
  read(index: number): void {
    this.readUpTo = Math.max(this.readUpTo, index);
    for (const item of this.log.querySelectorAll<HTMLElement>('.msg.me:not([data-read])')) {
      if (Number(item.dataset.index) <= this.readUpTo) this.markRead(item);
    }
  }

  /** Two ticks (and "Read" for screen readers) where the one of "Sent" was. */
  private markRead(item: HTMLElement): void {
    item.setAttribute('data-read', '');
    item.querySelector('.sent')?.remove();
    item.append(this.receipt('read', '✓✓', this.config.t.read));
  }

  private receipt(kind: 'sent' | 'read', ticks: string, label: string): HTMLElement {
    return el(
      'span',
      { class: `receipt ${kind}`, title: label },
      el('span', { 'aria-hidden': 'true' }, ticks),
      el('span', { class: 'sr' }, label),
    );
  }

  /**
   * Messages of one author within five minutes of the one before form a group: only the first
   * shows the name and time (the others keep them for screen readers).
   */
  private group(): void {
    let previous: HTMLElement | undefined;
    for (const item of this.log.children as HTMLCollectionOf<HTMLElement>) {
      const message = item.classList.contains('msg') && !item.classList.contains('pending');
      const follows =
        message &&
        previous !== undefined &&
        previous.dataset.author === item.dataset.author &&
        Number(item.dataset.time) - Number(previous.dataset.time) < 5 * 60_000;
      item.classList.toggle('follow', follows);
      previous = message ? item : undefined;
    }
  }

  /** The oldest of the visitor's messages still on its way with this text and these files. */
  private pendingWith(body: string, files: string[]): HTMLElement | undefined {
    return [...this.log.querySelectorAll<HTMLElement>('.msg.me.pending')].find(
      (item) =>
        (item.querySelector('.text')?.textContent ?? '') === body &&
        item.dataset.files === JSON.stringify(files),
    );
  }

  notice(text: string): void {
    this.log.append(el('li', { class: 'notice' }, text));
    this.log.scrollTop = this.log.scrollHeight;
    this.announce(text);
  }

  /** "Bob is typing…" with three moving dots (still when the visitor asks for less motion). */
  typing(names: string[]): void {
    const text = names.map((n) => this.config.t.typing(n)).join(' ');
    replace(
      this.typingLine,
      text
        ? el(
            'span',
            { class: 'bubble' },
            el('span', { class: 'dots', 'aria-hidden': 'true' }, el('i'), el('i'), el('i')),
            text,
          )
        : null,
    );
  }

  /** The chat is over (ended here or by the agent side): the transcript, then a new chat. */
  ended(): void {
    if (this.over) return;
    this.over = true;
    const { t } = this.config;
    const save: HTMLButtonElement = el(
      'button',
      { type: 'button', class: 'primary', onclick: () => void this.saveTranscript(save) },
      t.transcript,
    );
    const again = el(
      'button',
      { type: 'button', class: 'secondary', onclick: () => this.actions.newChat() },
      t.newChat,
    );
    const panel = el('div', { class: 'ended' }, el('p', { role: 'status' }, t.ended), save, again);
    // The focus moves on only from what goes away (the composer, the question), never from the page.
    const root = this.element.getRootNode() as Document | ShadowRoot;
    const hadFocus = this.element.contains(root.activeElement);
    // The end panel is taller than the composer: keep the last message in view if it was.
    const stick = this.atBottom();
    this.tray?.disable();
    this.footer.replaceWith(panel);
    this.endBar.remove();
    this.typing([]);
    if (stick) this.log.scrollTop = this.log.scrollHeight;
    if (hadFocus) save.focus();
  }

  private async saveTranscript(button: HTMLButtonElement): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    button.setAttribute('aria-disabled', 'true');
    try {
      const { name, text } = await this.actions.transcript();
      download(this.element, name, text);
    } catch {
      this.notice(this.config.t.transcriptFailed);
    } finally {
      this.busy = false;
      button.removeAttribute('aria-disabled');
    }
  }

  private bubble(message: ChatMessage): HTMLElement {
    const { t } = this.config;
    const mine = message.author === undefined;
    const when = message.date ? this.time.format(message.date) : '';
    const item = el(
      'li',
      {
        class: `msg ${mine ? 'me' : 'them'}`,
        'data-index': String(message.index),
        'data-author': mine ? '' : message.author,
        'data-time': String(message.date?.getTime() ?? 0),
      },
      el('span', { class: 'who' }, `${mine ? t.you : message.author}${when ? ' · ' + when : ''}`),
      message.body || !message.media.length ? el('span', { class: 'text' }, message.body) : null,
      ...message.media.map((media) => mediaElement(media, this.config)),
    );
    if (mine && message.index >= 0) {
      if (message.index <= this.readUpTo) this.markRead(item);
      else item.append(this.receipt('sent', '✓', t.sent));
    }
    return item;
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.submit();
    }
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    const files = this.tray?.take() ?? [];
    if (!text && !files.length) return;
    this.input.value = '';
    this.tray?.refuse([]);
    // Shown at once as "Sending…" (with the files' names and the upload's progress); the SDK's
    // messageAdded for it takes its place.
    const { t } = this.config;
    const pending = this.bubble({
      sid: '',
      index: -1,
      author: undefined,
      body: text,
      date: null,
      media: [],
    });
    pending.classList.add('pending');
    pending.dataset.files = JSON.stringify(files.map((file) => file.name));
    pending.querySelector('.who')!.textContent = t.sending;
    let report: (fraction: number) => void = () => {};
    if (files.length) {
      if (!text) pending.querySelector('.text')?.remove();
      const bar = el('progress', { max: '100', value: '0', 'aria-label': t.uploading });
      pending.append(...files.map((file) => el('span', { class: 'pending-file' }, file.name)), bar);
      report = (fraction) => {
        const percent = Math.round(fraction * 100);
        bar.value = percent;
        bar.setAttribute('aria-valuetext', t.uploadProgress(percent));
      };
    }
    this.log.append(pending);
    this.log.scrollTop = this.log.scrollHeight;
    try {
      await this.actions.send(text, files, report);
      // The message is shown by now, in this bubble's place (Chat.send settles only then).
      pending.remove();
    } catch (error) {
      pending.remove();
      this.input.value = text;
      if (files.length) this.tray?.restore(files);
      const status = uploadStatus(error);
      this.notice(
        status === 413 ? t.uploadTooLarge : status === 415 ? t.uploadTypeRefused : t.notSent,
      );
    }
  }

  private async maybeLoadEarlier(): Promise<void> {
    if (!this.settled || this.loading || this.log.scrollTop > 40 || !this.actions.hasEarlier())
      return;
    this.loading = true;
    const loading = el('li', { class: 'notice', role: 'status' }, this.config.t.earlier);
    this.log.prepend(loading);
    const older = await this.actions.earlier().catch(() => [] as ChatMessage[]);
    loading.remove();
    this.loading = false;
    const before = this.log.scrollHeight;
    const first = this.log.firstChild;
    for (const message of older) {
      if (this.shown.has(message.sid)) continue;
      this.shown.add(message.sid);
      this.log.insertBefore(this.bubble(message), first);
    }
    this.group();
    // Keep what the visitor was reading where it was.
    this.log.scrollTop += this.log.scrollHeight - before;
    if (older.length) void this.maybeLoadEarlier();
  }

  private atBottom(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
  }

  private announce(text: string): void {
    replace(this.live, text);
  }
}

/** The file names of a message, as the pending message of its send lists them. */
function names(message: ChatMessage): string[] {
  return message.media.map((media) => media.filename);
}

/**
 * The HTTP status of a refused upload: the SDK's media client rejects with the status as `code`
 * and Twilio's error body (whose `status` is the same) as `body`.
 */
function uploadStatus(error: unknown): number | undefined {
  const { code, body } = (error ?? {}) as { code?: unknown; body?: { status?: unknown } };
  const status = body?.status ?? code;
  return typeof status === 'number' ? status : undefined;
}
