// One conversation through the unmodified @twilio/conversations SDK, pointed at Parley's realtime
// endpoint with its one option (docs/realtime.md). The SDK reconnects and catches up by itself;
// this class turns its events into what the view shows and keeps the token fresh.

import {
  Client,
  type Conversation,
  type Message,
  type Participant,
  type Paginator,
} from '@twilio/conversations';
import { limitsOf, type Limits } from './attachments';
import { InOrder } from './in-order';
import { onUploadProgress } from './upload-progress';
import type { Session, Webchat3Client } from './session';

export interface ChatMessage {
  sid: string;
  index: number;
  /** The author's display name, or undefined for the visitor's own messages. */
  author: string | undefined;
  body: string;
  date: Date | null;
  /** The message's files (none for a text message). */
  media: ChatMedia[];
}

/** A file of a message; `url()` is a fresh temporary URL of its content (valid a few minutes). */
export interface ChatMedia {
  sid: string;
  filename: string;
  contentType: string;
  size: number;
  url(): Promise<string>;
}

export interface ChatEvents {
  message(message: ChatMessage, live: boolean): void;
  notice(kind: 'joined' | 'left', name: string): void;
  /** The others in the chat now (their display names), on opening and at each join or leave. */
  people(names: string[]): void;
  typing(names: string[]): void;
  connection(state: 'connecting' | 'connected' | 'disconnected'): void;
  ended(): void;
  /** Every message of the visitor up to `index` has been read by someone else. */
  read(index: number): void;
  session(session: Session): void;
  /** The token is gone for good (expired, revoked): the chat needs a new session. */
  lost(): void;
}

const PAGE = 30;
/**
 * At most one typing signal a second (Parley passes on one a second), shown for two: the SDK's
 * default of one per 5 s window held back the signal of a visitor typing again soon after a
 * message, so the agent saw it seconds late.
 */
export const TYPING_SIGNAL_MS = 1000;
/** Messages per page when the whole history is read for a transcript. */
const HISTORY_PAGE = 100;
/**
 * How long a sent message's live event is waited for before it is read back, doubled before each
 * further read-back up to the last: 15.75 s in all, past the 10 s after which Parley's pages show
 * what a client never acknowledged.
 */
const READ_BACK_FIRST_MS = 250;
const READ_BACK_LAST_MS = 8000;

export class Chat {
  private readonly client: Client;
  private readonly ready: Promise<void>;
  private opened: Promise<Conversation> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private conversation: Conversation | undefined;
  private page: Paginator<Message> | undefined;
  private loadingEarlier = false;
  private readonly shows = new InOrder();
  private readonly sends = new InOrder();
  private readonly names = new Map<string, Promise<string>>();
  private readonly typists = new Map<string, string>();
  private readonly others = new Map<string, string>();
  /** Each message handed to the view, by index: settles once the view shows it. */
  private readonly shown = new Map<number, Promise<void>>();
  /** Sends waiting for their message's live event (see `shownOnce`). */
  private readonly awaited = new Map<number, () => void>();
  private newest = -1;
  private over = false;

  constructor(
    private session: Session,
    private readonly api: Webchat3Client,
    origin: string,
    private readonly agentName: string | undefined,
    private readonly events: ChatEvents,
  ) {
    const uri = origin.replace(/^http/, 'ws') + '/v3/wsconnect';
    this.client = new Client(session.token, {
      Twilsock: { uri },
      logLevel: 'silent',
      typingIndicatorTimeoutOverride: TYPING_SIGNAL_MS,
    } as never);
    this.client.on('connectionStateChanged', (state) => {
      if (state === 'connected' || state === 'connecting') events.connection(state);
      else if (state === 'disconnected' || state === 'disconnecting')
        events.connection('disconnected');
      else if (state === 'denied') void this.refresh();
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.client.once('stateChanged', (state) =>
        state === 'initialized' ? resolve() : reject(new Error(state)),
      );
      this.client.once('initFailed', ({ error }) => reject(error ?? new Error('init failed')));
    });
    this.client.on('tokenAboutToExpire', () => this.refreshSoon());
    this.client.on('tokenExpired', () => void this.refresh());
  }

  /** Waits for the SDK, opens the conversation and shows its latest page. */
  open(): Promise<Conversation> {
    this.opened ??= this.load();
    return this.opened;
  }

  private async load(): Promise<Conversation> {
    await this.ready;
    const conversation = await this.client.getConversationBySid(this.session.conversationSid);
    this.conversation = conversation;
    conversation.on('messageAdded', (message: Message) => void this.show(message, true));
    conversation.on('participantJoined', (p: Participant) => void this.notice('joined', p));
    conversation.on('participantLeft', (p: Participant) => void this.notice('left', p));
    conversation.on('typingStarted', (p: Participant) => void this.typing(p, true));
    conversation.on('typingEnded', (p: Participant) => void this.typing(p, false));
    conversation.on('participantUpdated', ({ participant, updateReasons }) => {
      if (updateReasons.includes('lastReadMessageIndex')) this.readBy(participant);
    });
    conversation.on('updated', ({ updateReasons }) => {
      if (updateReasons.includes('state') && conversation.state?.current === 'closed')
        this.finished();
    });
    this.page = await conversation.getMessages(PAGE);
    for (const message of this.page.items) await this.show(message, false);
    for (const participant of await conversation.getParticipants()) {
      this.readBy(participant);
      void this.present(participant, true);
    }
    if (conversation.state?.current === 'closed') this.finished();
    return conversation;
  }

  /** Once, whether the visitor ended the chat or the agent side did (or both at once). */
  private finished(): void {
    if (this.over) return;
    this.over = true;
    this.events.ended();
  }

  /**
   * Ends the chat for everyone (the conversation becomes `closed`). A guest token cannot do that
   * through the SDK, so it is Parley's Webchat endpoint; the SDK's `updated` follows.
   */
  async end(): Promise<void> {
    await this.api.close(this.session);
    this.finished();
  }

  /**
   * Every message of the conversation, oldest first, paging back from the newest. Only once the
   * chat has ended: a page read while messages arrive can swallow one's live event (see send).
   */
  async history(): Promise<ChatMessage[]> {
    const conversation = await this.open();
    let page = await conversation.getMessages(HISTORY_PAGE);
    const pages = [page.items];
    while (page.hasPrevPage) {
      page = await page.prevPage();
      pages.unshift(page.items);
    }
    return Promise.all(pages.flat().map((m) => this.toChatMessage(m)));
  }

  /**
   * The latest messages of another conversation of the visitor's (a verified visitor's earlier
   * chat, readable with its token), oldest first. Read before it is shown, never while it changes.
   */
  async messagesOf(conversationSid: string, count = PAGE): Promise<ChatMessage[]> {
    await this.ready;
    const conversation = await this.client.getConversationBySid(conversationSid);
    const page = await conversation.getMessages(count);
    return Promise.all(page.items.map((m) => this.toChatMessage(m)));
  }

  /** The visitor's own name (its user's friendly name), for the transcript. */
  ownName(): string | undefined {
    return this.client.user?.friendlyName || undefined;
  }

  /** The page before the oldest shown, newest last; [] when there is none. */
  async earlier(): Promise<ChatMessage[]> {
    if (!this.page?.hasPrevPage || this.loadingEarlier) return [];
    this.loadingEarlier = true;
    try {
      this.page = await this.page.prevPage();
      return Promise.all(this.page.items.map((m) => this.toChatMessage(m)));
    } finally {
      this.loadingEarlier = false;
    }
  }

  hasEarlier(): boolean {
    return this.page?.hasPrevPage === true;
  }

  /**
   * Sends once the conversation is open (a visitor may type before it is) and once every earlier
   * message is sent, so they are stored in the order typed. Settles only once the message is
   * shown, where its "Sending…" bubble stood: the view drops that bubble when this settles.
   */
  send(text: string, files: File[] = [], progress?: (fraction: number) => void): Promise<void> {
    return this.sends.run(async () => {
      const conversation = await this.open();
      const indexes = files.length
        ? await this.sendFiles(conversation, text, files, progress)
        : [await conversation.sendMessage(text)];
      for (const index of indexes) await this.shownOnce(conversation, index);
    });
  }

  /**
   * Waits until the message at `index` is shown: by its live event, or, should that never come (a
   * proxy that drops frames), by reading it back. A page holds only what this client has
   * acknowledged hearing of (Parley's page horizon, docs/realtime-protocol.md §4.5), so a
   * read-back that finds nothing is tried again, each time after a longer wait for the event.
   */
  private async shownOnce(conversation: Conversation, index: number): Promise<void> {
    for (
      let wait = READ_BACK_FIRST_MS;
      !this.shown.has(index) && wait <= READ_BACK_LAST_MS;
      wait *= 2
    ) {
      await this.liveWithin(index, wait);
      if (!this.shown.has(index)) {
        const page = await conversation.getMessages(1, index);
        for (const message of page.items)
          if (message.index === index) void this.show(message, true);
      }
    }
    await this.shown.get(index);
  }

  /** Resolves when the message at `index` is shown, or after `ms`. */
  private async liveWithin(index: number, ms: number): Promise<void> {
    if (this.shown.has(index)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.awaited.set(index, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.awaited.delete(index);
  }

  /** The limits the conversation advertises (no files at all when it allows none per message). */
  limits(): Limits {
    return limitsOf(this.conversation?.limits);
  }

  /**
   * The text and files as one message, through the SDK's MessageBuilder (its limits checked by the
   * view before). The SDK uploads the files one after the other to the Media Content Service;
   * `progress` hears how much of all of them is up (0 to 1).
   */
  private async sendFiles(
    conversation: Conversation,
    text: string,
    files: File[],
    progress: ((fraction: number) => void) | undefined,
  ): Promise<number[]> {
    const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
    const requests: XMLHttpRequest[] = [];
    const stop = onUploadProgress((request, loaded, size) => {
      if (!requests.includes(request)) requests.push(request);
      const current = Math.min(requests.length, files.length) - 1;
      const before = files.slice(0, current).reduce((sum, file) => sum + file.size, 0);
      progress?.(Math.min(1, (before + (files[current].size * loaded) / (size || 1)) / total));
    });
    try {
      const builder = conversation.prepareMessage();
      if (text) builder.setBody(text);
      for (const file of files) {
        const form = new FormData();
        form.append('file', file, file.name);
        builder.addMedia(form);
      }
      const index = await builder.build().send();
      progress?.(1);
      return index === null ? [] : [index];
    } finally {
      stop();
    }
  }

  /** Tells the others the visitor is typing (the SDK sends at most one signal every few seconds). */
  typed(): void {
    void this.conversation?.typing().catch(() => {});
  }

  /**
   * Moves the visitor's read horizon to the newest message shown (the agent's "Read"). Not
   * setAllMessagesRead: it reads a page, which can swallow the live event of a message (see send).
   */
  markRead(): void {
    if (this.newest < 0) return;
    void this.conversation?.advanceLastReadMessageIndex(this.newest).catch(() => {});
  }

  private readBy(participant: Participant): void {
    const index = participant.lastReadMessageIndex;
    if (participant.identity !== this.session.identity && index !== null) this.events.read(index);
  }

  async shutdown(): Promise<void> {
    clearTimeout(this.refreshTimer);
    await this.client.shutdown().catch(() => {});
  }

  /**
   * Parley warns three minutes before expiry, or at once for a shorter-lived token (a deployment's
   * TokenTtl may be 60 s): refresh now when the warning is early enough, else halfway to expiry,
   * so a short lifetime means a refresh every half lifetime, not a loop of refreshes.
   */
  private refreshSoon(): void {
    if (this.refreshTimer !== undefined) return;
    const left = this.session.expiration - Date.now();
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = undefined;
        void this.refresh();
      },
      left > 120_000 ? 0 : left / 2,
    );
  }

  private async refresh(): Promise<void> {
    try {
      this.session = await this.api.refresh(this.session);
      await this.client.updateToken(this.session.token);
      this.events.session(this.session);
    } catch {
      this.events.lost();
    }
  }

  /** Shows messages one after the other, so a slow name lookup cannot reorder them. */
  private show(message: Message, live: boolean): Promise<void> {
    const done = this.shows.run(async () => {
      const m = await this.toChatMessage(message);
      this.newest = Math.max(this.newest, m.index);
      this.events.message(m, live);
    });
    if (!this.shown.has(message.index)) this.shown.set(message.index, done);
    this.awaited.get(message.index)?.();
    return done;
  }

  private async toChatMessage(message: Message): Promise<ChatMessage> {
    const author = message.author ?? '';
    return {
      sid: message.sid,
      index: message.index,
      author: author === this.session.identity ? undefined : await this.nameOf(author),
      body: message.body ?? '',
      date: message.dateCreated,
      media: (message.attachedMedia ?? []).map((media) => ({
        sid: media.sid,
        filename: media.filename ?? '',
        contentType: media.contentType ?? '',
        size: media.size ?? 0,
        url: async () => (await media.getContentTemporaryUrl()) ?? '',
      })),
    };
  }

  private async notice(kind: 'joined' | 'left', participant: Participant): Promise<void> {
    if (participant.identity === this.session.identity) return;
    void this.present(participant, kind === 'joined');
    this.events.notice(kind, await this.nameOf(participant.identity ?? ''));
  }

  /** Keeps the list of the others in the chat (for the header) and reports it. */
  private async present(participant: Participant, here: boolean): Promise<void> {
    const identity = participant.identity ?? participant.sid;
    if (identity === this.session.identity) return;
    if (!here) this.others.delete(identity);
    else this.others.set(identity, await this.nameOf(identity));
    this.events.people([...new Set(this.others.values())]);
  }

  private async typing(participant: Participant, started: boolean): Promise<void> {
    const identity = participant.identity ?? participant.sid;
    // Marked at once, so a typingEnded that comes while the name loads is not undone.
    if (started) this.typists.set(identity, '');
    else this.typists.delete(identity);
    const name = await this.nameOf(identity);
    if (this.typists.has(identity)) this.typists.set(identity, name);
    this.events.typing([...this.typists.values()].filter(Boolean));
  }

  /** A participant's user's friendly name; the masked name or the identity when it has none. */
  private nameOf(identity: string): Promise<string> {
    if (this.agentName) return Promise.resolve(this.agentName);
    let name = this.names.get(identity);
    if (!name) {
      name = this.client
        .getUser(identity)
        .then((user) => user.friendlyName || identity)
        .catch(() => identity);
      this.names.set(identity, name);
    }
    return name;
  }
}
