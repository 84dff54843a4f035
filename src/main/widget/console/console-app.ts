// The console once logged in: the three lists (polled, see docs/console.md for why), the
// open chat or transcript, and the cue for a new waiting chat (the title's count and a short tone).

import {
  ApiError,
  type AgentInfo,
  type CannedResponse,
  type ChatInfo,
  type ConsoleApi,
  type Lists,
  type SessionInfo,
} from './api';
import { AgentClient } from './agent-client';
import { ChatPane, customerOf, preEngagement, transcriptView } from './chat-pane';
import { chime } from './chime';
import {
  askForNotifications,
  notificationsAllowed,
  notificationsSupported,
  notify,
} from './notify';
import { verifiedMark } from './details';
import { isShortcut, SHORTCUTS, shortcutsDialog } from './shortcuts';
import { el, replace } from '../src/dom';

const POLL_MS = 3_000;
const TITLE = 'Parley console';

export class ConsoleApp {
  private readonly waiting = el('ul', { class: 'chats', 'aria-label': 'Waiting chats' });
  private readonly mine = el('ul', { class: 'chats', 'aria-label': 'My chats' });
  private readonly closed = el('ul', { class: 'chats', 'aria-label': 'Closed chats' });
  private readonly waitingCount = el('span', { class: 'count' }, '0');
  private readonly connection = el('span', { class: 'connection' }, 'connecting');
  /** Read out by screen readers: the title and the tone are no cue for everyone. */
  private readonly announcer = el('div', { class: 'sr', 'aria-live': 'polite' });
  private readonly main = el(
    'main',
    { class: 'main' },
    el('p', { class: 'empty' }, 'Accept a waiting chat or open one of yours.'),
  );
  private client: AgentClient | undefined;
  private pane: ChatPane | undefined;
  private others: AgentInfo[] = [];
  private seenWaiting: Set<string> | undefined;
  private cues = 0;
  private chimes = 0;
  private waitingChats: ChatInfo[] = [];
  private readonly help = shortcutsDialog();
  private readonly repliesDialog = el('dialog', {
    class: 'replies',
    'aria-label': 'Saved replies',
  });
  private cannedCache: { at: number; list: Promise<CannedResponse[]> } | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ConsoleApi,
    private readonly session: SessionInfo,
  ) {}

  async start(): Promise<void> {
    const self = this.session.agent;
    replace(
      this.root,
      el(
        'header',
        { class: 'top' },
        el('h1', {}, TITLE),
        el('span', { class: 'me' }, self.friendly_name),
        this.connection,
        this.notificationsButton(),
        el(
          'button',
          { type: 'button', class: 'manage-replies', onclick: () => void this.manageReplies() },
          'Saved replies',
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'show-shortcuts',
            'aria-keyshortcuts': SHORTCUTS.help.aria,
            title: `Keyboard shortcuts (${SHORTCUTS.help.keys})`,
            onclick: () => this.help.showModal(),
          },
          'Shortcuts',
        ),
        el(
          'button',
          { type: 'button', class: 'logout', onclick: () => void this.logout() },
          'Log out',
        ),
      ),
      el(
        'div',
        { class: 'layout' },
        el(
          'nav',
          { class: 'lists' },
          el(
            'section',
            { class: 'waiting' },
            el('h2', {}, 'Waiting ', this.waitingCount),
            this.waiting,
          ),
          el('section', { class: 'mine' }, el('h2', {}, 'My chats'), this.mine),
          el('section', { class: 'closed' }, el('h2', {}, 'Closed'), this.closed),
        ),
        this.main,
      ),
      this.announcer,
      this.help,
      this.repliesDialog,
    );
    document.addEventListener('keydown', (e) => this.shortcut(e));
    const [token, agents] = await Promise.all([this.api.token(), this.api.agents()]);
    this.others = agents.filter((a) => a.identity !== self.identity);
    this.client = new AgentClient(
      token,
      this.api,
      (state) => (this.connection.textContent = state),
    );
    await this.poll();
  }

  private async poll(): Promise<void> {
    try {
      this.render(await this.api.lists());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        location.reload();
        return;
      }
    }
    setTimeout(() => void this.poll(), POLL_MS);
  }

  private async refresh(): Promise<void> {
    this.render(await this.api.lists());
  }

  private render(lists: Lists): void {
    this.cue(lists.waiting);
    this.fill(this.waiting, lists.waiting, (chat) => this.waitingItem(chat));
    this.fill(this.mine, lists.mine, (chat) =>
      el(
        'button',
        { type: 'button', class: 'open', onclick: () => void this.openLive(chat) },
        el('span', { class: 'customer' }, customerOf(chat)),
        el('span', { class: 'unread', hidden: true }),
        el('q', { class: 'preview', hidden: true }),
      ),
    );
    this.fill(this.closed, lists.closed, (chat) =>
      el(
        'button',
        { type: 'button', class: 'open', onclick: () => void this.openTranscript(chat) },
        customerOf(chat),
      ),
    );
  }

  /** Keeps the items of chats still listed (so a click in flight is not lost), in list order. */
  private fill(
    list: HTMLUListElement,
    chats: ChatInfo[],
    make: (chat: ChatInfo) => HTMLElement,
  ): void {
    const existing = new Map(
      [...list.children].map((li) => [(li as HTMLElement).dataset.sid, li as HTMLLIElement]),
    );
    const items = chats.map((chat) => {
      let item = existing.get(chat.conversation_sid);
      if (!item) {
        item = el('li', { class: 'chat', 'data-sid': chat.conversation_sid }, make(chat));
      }
      const waited = item.querySelector('.waited');
      if (waited) waited.textContent = waitedFor(chat.waiting_seconds);
      update(item, chat, this.pane?.chat.conversation_sid === chat.conversation_sid);
      return item;
    });
    replace(list, ...items);
    if (!items.length) list.append(el('li', { class: 'none' }, 'None'));
  }

  private waitingItem(chat: ChatInfo): HTMLElement {
    return el(
      'div',
      { class: 'waiting-chat' },
      el('span', { class: 'customer' }, customerOf(chat)),
      verifiedMark(chat),
      el('span', { class: 'waited' }, waitedFor(chat.waiting_seconds)),
      preEngagement(chat),
      el('q', { class: 'preview', hidden: true }),
      el(
        'button',
        {
          type: 'button',
          class: 'accept',
          title: `Accept (${SHORTCUTS.accept.keys})`,
          'aria-keyshortcuts': SHORTCUTS.accept.aria,
          onclick: () => void this.accept(chat),
        },
        'Accept',
      ),
    );
  }

  /** The keyboard shortcuts of shortcuts.ts (Enter and "/" live in the reply box). */
  private shortcut(e: KeyboardEvent): void {
    if (isShortcut(e, 'A')) {
      const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(
        '.waiting li.chat',
      );
      const chat =
        this.waitingChats.find((c) => c.conversation_sid === focused?.dataset.sid) ??
        this.waitingChats[0];
      if (chat) void this.accept(chat);
    } else if (isShortcut(e, 'C')) {
      this.pane?.closeChat();
    } else if (isShortcut(e, 'U')) {
      this.pane?.attach();
    } else if (isShortcut(e, 'K')) {
      if (!this.help.open) this.help.showModal();
    } else {
      return;
    }
    e.preventDefault();
  }

  private notificationsButton(): HTMLElement | null {
    if (!notificationsSupported() || notificationsAllowed()) return null;
    if (Notification.permission === 'denied') return null;
    const button = el(
      'button',
      {
        type: 'button',
        class: 'notifications',
        onclick: async () => {
          if (await askForNotifications()) button.remove();
        },
      },
      'Turn on notifications',
    );
    return button;
  }

  /** The account's saved replies, read at most every few seconds while the agent types "/…". */
  private canned(): Promise<CannedResponse[]> {
    const now = Date.now();
    if (!this.cannedCache || now - this.cannedCache.at > 5_000) {
      this.cannedCache = { at: now, list: this.api.cannedResponses() };
      this.cannedCache.list.catch(() => (this.cannedCache = undefined));
    }
    return this.cannedCache.list;
  }

  /** The dialog that lists, adds and deletes the account's saved replies. */
  private async manageReplies(): Promise<void> {
    const status = el('p', { class: 'status', role: 'status' });
    const list = el('ul', { class: 'reply-list' });
    const code = el('input', {
      id: 'reply-code',
      required: true,
      maxlength: '32',
      pattern: '[A-Za-z0-9][A-Za-z0-9_-]*',
    });
    const body = el('textarea', { id: 'reply-body', required: true, maxlength: '1600', rows: '3' });
    const refill = async () => {
      this.cannedCache = undefined;
      const replies = await this.canned();
      replace(
        list,
        ...replies.map((r) =>
          el(
            'li',
            { 'data-sid': r.sid },
            el('span', { class: 'code' }, `/${r.short_code}`),
            el('span', { class: 'body' }, r.body),
            el(
              'button',
              {
                type: 'button',
                class: 'delete-reply',
                'aria-label': `Delete /${r.short_code}`,
                onclick: async () => {
                  await this.api.deleteCannedResponse(r.sid).catch(() => {});
                  await refill();
                },
              },
              'Delete',
            ),
          ),
        ),
      );
      if (!replies.length) list.append(el('li', { class: 'none' }, 'No saved replies yet.'));
    };
    replace(
      this.repliesDialog,
      el('h2', {}, 'Saved replies'),
      list,
      el(
        'form',
        {
          class: 'new-reply',
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              await this.api.saveCannedResponse(code.value, body.value);
              code.value = '';
              body.value = '';
              status.textContent = 'Saved.';
              await refill();
            } catch (err) {
              status.textContent = err instanceof Error ? err.message : 'Not saved.';
            }
          },
        },
        el('label', { for: 'reply-code' }, 'Short code (typed after /)'),
        code,
        el('label', { for: 'reply-body' }, 'Reply'),
        body,
        el('button', { type: 'submit', class: 'primary' }, 'Save reply'),
      ),
      status,
      el('form', { method: 'dialog' }, el('button', { type: 'submit' }, 'Close')),
    );
    this.repliesDialog.showModal();
    await refill();
  }

  /** A chat not seen waiting before: the title counts the waiting chats, a tone sounds. */
  private cue(waiting: ChatInfo[]): void {
    this.waitingChats = waiting;
    const sids = new Set(waiting.map((c) => c.conversation_sid));
    const fresh = this.seenWaiting ? [...sids].filter((sid) => !this.seenWaiting!.has(sid)) : [];
    this.seenWaiting = sids;
    this.waitingCount.textContent = String(sids.size);
    document.title = sids.size ? `(${sids.size}) ${TITLE}` : TITLE;
    if (fresh.length) {
      const names = waiting.filter((c) => fresh.includes(c.conversation_sid)).map(customerOf);
      this.announcer.textContent = `New chat waiting: ${names.join(', ')}`;
      this.cues++;
      document.body.dataset.cues = String(this.cues);
      if (chime()) document.body.dataset.chimes = String(++this.chimes);
      for (const chat of waiting.filter((c) => fresh.includes(c.conversation_sid)))
        notify(
          'New chat waiting',
          `${customerOf(chat)}${chat.preview ? `: ${chat.preview}` : ''}`,
          chat.conversation_sid,
        );
    }
  }

  private async accept(chat: ChatInfo): Promise<void> {
    try {
      await this.api.accept(chat.conversation_sid);
    } catch (e) {
      replace(
        this.main,
        el(
          'p',
          { class: 'status', role: 'status' },
          e instanceof Error ? e.message : 'Cannot accept.',
        ),
      );
      await this.refresh();
      return;
    }
    await this.refresh();
    await this.openLive(chat);
  }

  private async openLive(chat: ChatInfo): Promise<void> {
    if (!this.client) return;
    this.pane?.dispose();
    const sid = chat.conversation_sid;
    const pane = new ChatPane(chat, this.client, this.session.agent, this.others, {
      transfer: async (to) => {
        await this.api.transfer(sid, to);
        pane.dispose();
        const name = this.others.find((a) => a.identity === to)?.friendly_name ?? to;
        replace(this.main, el('p', { class: 'status', role: 'status' }, `Transferred to ${name}.`));
        await this.refresh();
      },
      close: async () => {
        await this.api.close(sid);
        await this.refresh();
      },
      send: async (body, media) => (await this.api.send(sid, body, media)).index,
      transcript: () => this.api.transcript(sid),
      details: () => this.api.details(sid),
      studio: () => this.api.studio(sid),
      earlierTranscript: (earlier) => this.api.transcript(earlier),
      canned: () => this.canned(),
    });
    this.pane = pane;
    replace(this.main, pane.element);
    const listed = this.mine.querySelector<HTMLElement>(`li[data-sid="${CSS.escape(sid)}"]`);
    if (listed) update(listed, chat, true);
    await pane
      .open()
      .catch(() => replace(this.main, el('p', { class: 'status' }, 'Cannot open this chat.')));
  }

  private async openTranscript(chat: ChatInfo): Promise<void> {
    this.pane?.dispose();
    this.pane = undefined;
    if (!this.client) return;
    const lines = await this.api.transcript(chat.conversation_sid);
    replace(this.main, transcriptView(chat, lines, this.session.agent, this.client.media));
  }

  private async logout(): Promise<void> {
    await this.api.logout().catch(() => {});
    await this.client?.shutdown();
    location.reload();
  }
}

/** A list item's live parts: the preview and (for the agent's chats) the unread count. */
function update(item: HTMLElement, chat: ChatInfo, open: boolean): void {
  const preview = item.querySelector<HTMLElement>('.preview');
  if (preview) {
    preview.hidden = !chat.preview;
    preview.textContent = chat.preview ?? '';
  }
  const unread = item.querySelector<HTMLElement>('.unread');
  if (unread) {
    const count = open ? 0 : (chat.unread ?? 0);
    unread.hidden = count === 0;
    unread.textContent = String(count);
    unread.setAttribute('aria-label', `${count} unread`);
    item.classList.toggle('has-unread', count > 0);
  }
}

function waitedFor(seconds: number): string {
  if (seconds < 60) return 'waiting <1 min';
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `waiting ${minutes} min`
    : `waiting ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
