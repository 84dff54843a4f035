// The widget on the page: a launcher button and a panel in a shadow root. The panel shows the
// pre-engagement form until there is a session, then the conversation. A stored session is
// resumed at once (reload, new tab); the panel reopens if it was open.

import { Chat } from './chat';
import { chime } from './chime';
import { textOn, type Config } from './config';
import { ConversationView } from './conversation-view';
import { el, replace } from './dom';
import {
  IdentityError,
  firstField,
  preEngagementForm,
  prefilled,
  startFailure,
  type Answers,
} from './form';
import {
  SessionStore,
  VERIFIED_PREFIX,
  Webchat3Client,
  WebchatError,
  type Identified,
  type IdentitySettings,
  type Session,
} from './session';
import { styles } from './styles';
import { transcriptName, transcriptText } from './transcript';

const CHAT_ICON = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z';
const CLOSE_ICON =
  'M5.3 3.9 12 10.6l6.7-6.7 1.4 1.4-6.7 6.7 6.7 6.7-1.4 1.4-6.7-6.7-6.7 6.7-1.4-1.4 6.7-6.7-6.7-6.7z';

/** The launcher's picture (it is labelled by aria-label, so hidden from screen readers). */
function icon(name: string, d: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon-${name}`);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

export class Widget {
  private readonly store: SessionStore;
  private readonly api: Webchat3Client;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly picture: HTMLElement;
  private unread: number;
  private chat: Chat | undefined;
  private view: ConversationView | undefined;
  private form: HTMLFormElement | undefined;
  private prefilledStart: Answers | undefined;
  /** The site's signed user (Parley.identify), until Parley.reset(). */
  private identified: Identified | undefined;
  /** What the form does for the identified visitor (the deployment's setting, once read). */
  private verifiedForm: IdentitySettings['verified_pre_engagement'] | undefined;
  private settingsRead: Promise<IdentitySettings | undefined> | undefined;
  /** How many earlier chats a verified visitor's list shows (the newest). */
  private static readonly EARLIER_SHOWN = 10;

  constructor(private readonly config: Config) {
    const { t } = config;
    this.store = new SessionStore(config.deploymentKey);
    this.api = new Webchat3Client(config.origin, config.deploymentKey);
    // An element name of its own, so no rule of the page (`div { … }`) applies to the host.
    const host = document.createElement('parley-widget');
    const shadow = host.attachShadow({ mode: 'open' });
    this.launcher = el(
      'button',
      {
        class: 'launcher',
        type: 'button',
        'aria-label': t.open,
        'aria-expanded': 'false',
        'aria-controls': 'parley-panel',
        onclick: () => this.toggle(),
      },
      icon('chat', CHAT_ICON),
      icon('shut', CLOSE_ICON),
    );
    this.badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
    this.launcher.append(this.badge);
    this.subtitle = el('p', { class: 'subtitle', hidden: !config.availability });
    this.picture = el('span', { class: 'picture' });
    this.status = el('div', { class: 'status', role: 'status', hidden: true });
    this.body = el('div', { class: 'body' });
    this.panel = el(
      'section',
      {
        class: 'panel',
        id: 'parley-panel',
        role: 'dialog',
        'aria-label': config.title,
        hidden: true,
        onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Escape' && this.close(),
      },
      el(
        'header',
        {},
        this.picture,
        el('div', { class: 'titles' }, el('h2', {}, config.title), this.subtitle),
        el(
          'button',
          { class: 'close', type: 'button', 'aria-label': t.close, onclick: () => this.close() },
          '×',
        ),
      ),
      this.status,
      this.body,
    );
    // The panel comes first in the DOM as it sits above the launcher on screen, so the Tab order
    // follows what the visitor sees.
    shadow.append(
      el('style', {}, styles(config.color, textOn(config.color), config.position)),
      el('div', { class: 'root' }, this.panel, this.launcher),
    );
    document.body.append(host);
    this.fitToViewport();
    this.people([]);
    this.unread = this.store.unread();
    this.showUnread();

    const session = this.store.session();
    if (session) void this.connect(session);
    else this.showForm();
    if (this.store.wasOpen()) this.open(false);
  }

  /**
   * Full screen on a phone follows the visual viewport, so an on-screen keyboard shrinks the panel
   * (the composer stays above it) instead of pushing it out of view.
   */
  private fitToViewport(): void {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const fit = () => {
      this.panel.style.setProperty('--parley-height', `${viewport.height}px`);
      this.panel.style.setProperty('--parley-top', `${viewport.offsetTop}px`);
    };
    viewport.addEventListener('resize', fit);
    viewport.addEventListener('scroll', fit);
    fit();
  }

  private toggle(): void {
    if (this.panel.hidden) this.open(true);
    else this.close();
  }

  private open(focus: boolean): void {
    this.panel.hidden = false;
    this.unread = 0;
    this.store.setUnread(0);
    this.showUnread();
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', this.config.t.close);
    this.store.setOpen(true);
    this.startPrefilled();
    this.view?.settle();
    this.chat?.markRead();
    if (focus) this.focusContent();
  }

  private close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.showUnread();
    this.store.setOpen(false);
    this.launcher.focus();
  }

  private focusContent(): void {
    (this.view?.input ?? (this.form && firstField(this.form)))?.focus();
  }

  private showForm(autostart = true): void {
    const who = this.identified;
    const verified = who && this.verifiedForm;
    const signed: Answers = {};
    if (who?.name) signed.friendlyName = who.name;
    if (who?.email) signed.email = who.email;
    const values = verified === 'skip' ? signed : prefilled(this.config);
    if (values) {
      // The page knows who the visitor is: no form. The chat (and the agent's task) starts when
      // the visitor opens the panel, not on every page view.
      this.form = undefined;
      replace(this.body);
      this.prefilledStart = values;
      if (autostart && !this.panel.hidden) this.startPrefilled();
      return;
    }
    this.form = preEngagementForm(
      this.config,
      (answers) => this.start(answers),
      verified === 'prefill' ? { ...this.store.answers(), ...signed } : this.store.answers(),
    );
    replace(this.body, this.form);
    if (!this.panel.hidden) this.focusContent();
  }

  private startPrefilled(): void {
    const values = this.prefilledStart;
    if (!values) return;
    this.prefilledStart = undefined;
    this.start(values).catch((error) => {
      this.setStatus(startFailure(this.config, error));
      this.prefilledStart = values; // tried again when the panel next opens
    });
  }

  /** Init (with the returning visitor's identity), then the conversation. */
  private async start(answers: Answers): Promise<void> {
    const name = answers.friendlyName || this.config.t.customer;
    // Only a signed user needs the settings (under `off` Parley refuses an IdentityHash, so the
    // visitor chats anonymously); an anonymous start costs no extra request.
    const verification = this.identified && (await this.settings())?.identity_verification;
    const signed = verification !== 'off' ? this.identified : undefined;
    let session: Session;
    try {
      session = await this.api.init(name, answers, this.store.identity(), signed);
    } catch (error) {
      if (error instanceof WebchatError) {
        // 401 to an Init with a hash: it does not match (a wrong key would fail the settings too).
        if (signed && error.status === 401) throw new IdentityError('identityRefused');
        // `required` and no signed user: Parley misses the Identity.
        if (!signed && error.code === 20001 && /\bIdentity(Hash)?\b/.test(error.message))
          throw new IdentityError('signInRequired');
      }
      throw error;
    }
    this.store.save(session);
    this.store.setSignedAs(signed?.identity);
    // The question is for this chat only; the contact details fill the next chat's form.
    this.store.saveAnswers(
      Object.fromEntries(Object.entries(answers).filter(([key]) => key !== 'query')),
    );
    await this.connect(session, true);
    if (answers.query) await this.chat?.send(answers.query).catch(() => {});
  }

  private async connect(session: Session, fresh = false): Promise<void> {
    const { t } = this.config;
    this.setStatus(t.connecting);
    let connected = false;
    const chat = new Chat(
      session,
      this.api,
      this.config.origin,
      this.config.maskAgentNames ? t.agent : undefined,
      {
        message: (message, live) => {
          this.view?.message(message, live);
          const seen = !this.panel.hidden && document.visibilityState === 'visible';
          if (live && seen) chat.markRead();
          if (live && message.author !== undefined) this.arrived(seen);
        },
        people: (names) => this.people(names),
        read: (index) => this.view?.read(index),
        notice: (kind, name) =>
          this.view?.notice(kind === 'joined' ? t.joined(name) : t.left(name)),
        typing: (names) => this.view?.typing(names),
        connection: (state) => {
          // A chat left behind (a new chat started) reports its shutdown: not a lost connection.
          if (this.chat !== chat) return;
          // Once connected, any other state is a lost connection that the SDK is retrying.
          connected ||= state === 'connected';
          this.setStatus(state === 'connected' ? '' : connected ? t.reconnecting : t.connecting);
        },
        ended: () => this.view?.ended(),
        // A chat left behind (Parley.identify of another user, reset) keeps nothing.
        session: (renewed): void => {
          if (this.chat === chat) this.store.save(renewed);
        },
        lost: (): void => {
          if (this.chat === chat) void this.restart();
        },
      },
    );
    this.chat = chat;
    const view = new ConversationView(this.config, {
      send: (text, files, progress) => chat.send(text, files, progress),
      limits: () => chat.limits(),
      typed: () => chat.typed(),
      earlier: () => chat.earlier(),
      hasEarlier: () => chat.hasEarlier(),
      newChat: () => void this.restart(),
      end: () => chat.end(),
      transcript: async () => {
        const messages = await chat.history();
        return {
          name: transcriptName(this.config.title, messages),
          text: transcriptText(this.config, messages, chat.ownName() ?? t.you),
        };
      },
    });
    this.view = view;
    const hadFocus = this.form?.contains(this.shadowFocus()) ?? false;
    this.form = undefined;
    replace(this.body, view.element);
    if (hadFocus || (!this.panel.hidden && !this.shadowFocus())) view.input.focus();
    try {
      await chat.open();
      view.ready();
      if (!this.panel.hidden) chat.markRead();
      if (session.identity.startsWith(VERIFIED_PREFIX)) void this.showEarlier(chat, session);
    } catch {
      // A resumed conversation that is gone, or a refused token: start afresh with the identity.
      // A chat just started that cannot be opened is not retried by itself (no loop of chats).
      await this.restart(!fresh);
      if (fresh) this.setStatus(t.failed);
    }
  }

  /**
   * `Parley.identify`: the next chats start as the site's signed user. A session of another
   * identity (an anonymous one, or another user's) is left; the same user's is kept, so a page
   * that identifies on every view resumes its chat. The form is then skipped or prefilled, as the
   * deployment says (`verified_pre_engagement`).
   */
  async identify(who: Identified): Promise<void> {
    this.identified = who;
    const stored = this.store.identity();
    const same =
      stored !== undefined &&
      (stored === VERIFIED_PREFIX + who.identity || this.store.signedAs() === who.identity);
    if (stored !== undefined && !same) await this.leave();
    const settings = await this.settings();
    if (this.identified !== who) return;
    // Also for a resumed chat: its "Start a new chat" shows the form as the deployment says.
    this.verifiedForm =
      settings && settings.identity_verification !== 'off'
        ? settings.verified_pre_engagement
        : undefined;
    if (!this.chat) this.showForm(true);
  }

  /**
   * `Parley.reset()` on logout: the chat is left and closed, everything kept for this deployment
   * is dropped, and the next chat is a new anonymous visitor's.
   */
  async reset(): Promise<void> {
    this.identified = undefined;
    this.verifiedForm = undefined;
    // The focus leaves the closed panel for the launcher, as on closing; else it stays where it is.
    const hadFocus = this.panel.contains(this.shadowFocus());
    await this.leave();
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.showUnread();
    this.showForm(false);
    if (hadFocus) this.launcher.focus();
  }

  /** Shuts the current chat down and forgets everything the browser kept of it. */
  private async leave(): Promise<void> {
    const chat = this.chat;
    this.chat = undefined;
    this.view = undefined;
    this.prefilledStart = undefined;
    this.store.clear();
    this.unread = 0;
    this.showUnread();
    this.people([]);
    this.setStatus('');
    replace(this.body);
    await chat?.shutdown();
    this.store.clear();
  }

  /** The deployment's identity settings, read once (undefined when they cannot be read). */
  private settings(): Promise<IdentitySettings | undefined> {
    this.settingsRead ??= this.api.settings().catch(() => {
      this.settingsRead = undefined; // read again at the next start
      return undefined;
    });
    return this.settingsRead;
  }

  /**
   * A verified visitor's earlier chats (from any browser), above the current one: a collapsed
   * list whose messages are read when it is opened. Read-only: a closed chat takes no messages.
   */
  private async showEarlier(chat: Chat, session: Session): Promise<void> {
    const { t, lang } = this.config;
    let earlier;
    try {
      earlier = (await this.api.conversations(session)).filter(
        (c) => c.conversation_sid !== session.conversationSid,
      );
    } catch {
      return; // The list is a help, not the chat: without it the chat goes on.
    }
    if (!earlier.length || this.chat !== chat) return;
    const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const list = el('div', { class: 'earlier-list' });
    const details = el(
      'details',
      { class: 'earlier-chats' },
      el('summary', {}, t.earlierChats(earlier.length)),
      list,
    );
    let loaded = false;
    details.addEventListener('toggle', () => {
      if (!details.open || loaded) return;
      loaded = true;
      void (async () => {
        for (const row of earlier.slice(-Widget.EARLIER_SHOWN).reverse()) {
          const date = when.format(new Date(row.date_created));
          const state = row.read_only ? t.chatEnded : t.chatOpen;
          const messages = await chat.messagesOf(row.conversation_sid).catch(() => []);
          list.append(
            el(
              'section',
              { class: 'earlier-chat', 'data-sid': row.conversation_sid },
              el('h3', {}, `${t.earlierChat(date)} (${state})`),
              el(
                'ol',
                {},
                ...messages.map((m) =>
                  el(
                    'li',
                    { class: m.author === undefined ? 'past me' : 'past them' },
                    el('span', { class: 'who' }, `${m.author ?? t.you}: `),
                    el('span', { class: 'text' }, m.body),
                  ),
                ),
              ),
            ),
          );
        }
      })();
    });
    if (this.chat === chat) this.body.prepend(details);
  }

  /** Leaves the current conversation behind and shows the form again (or starts, prefilled). */
  private async restart(autostart = true): Promise<void> {
    const chat = this.chat;
    this.chat = undefined;
    this.view = undefined;
    this.store.forget();
    this.unread = 0;
    this.showUnread();
    this.people([]);
    this.setStatus('');
    await chat?.shutdown();
    this.showForm(autostart);
  }

  /** The header: the agent (an avatar of initials) once one is in the chat, else the brand. */
  private people(names: string[]): void {
    const agent = names[0];
    const { logoUrl, availability, t } = this.config;
    if (agent) {
      const initials = agent
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 2)
        .map((word) => [...word][0]?.toUpperCase())
        .join('');
      replace(this.picture, el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials));
    } else {
      replace(this.picture, logoUrl ? el('img', { class: 'logo', src: logoUrl, alt: '' }) : null);
    }
    const line = agent ? t.chattingWith(names.join(', ')) : (availability ?? '');
    this.subtitle.textContent = line;
    this.subtitle.hidden = !line;
  }

  /** Another's message came: counted on the launcher while the panel is closed, chimed if asked. */
  private arrived(seen: boolean): void {
    if (this.panel.hidden) {
      this.unread++;
      this.store.setUnread(this.unread);
      this.showUnread();
    }
    if (this.config.sound && !seen) chime();
  }

  private showUnread(): void {
    const { t } = this.config;
    const count = this.panel.hidden ? this.unread : 0;
    this.badge.textContent = count > 99 ? '99+' : String(count);
    this.badge.hidden = count === 0;
    this.launcher.setAttribute(
      'aria-label',
      this.panel.hidden ? (count ? `${t.open} (${t.unread(count)})` : t.open) : t.close,
    );
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
    this.status.hidden = !text;
  }

  private shadowFocus(): Element | null {
    return (this.panel.getRootNode() as ShadowRoot).activeElement;
  }
}
