// The agent's one @twilio/conversations client, pointed at Parley's realtime endpoint exactly as
// the widget's is (docs/realtime.md); its token comes from the console session and is renewed
// before it expires.

import { Client, type Conversation } from '@twilio/conversations';
import type { ConsoleApi, TokenInfo } from './api';
import { MediaService } from './media';
import { TYPING_SIGNAL_MS } from '../src/chat';

const JOIN_WAIT_MS = 10_000;

export class AgentClient {
  readonly client: Client;
  readonly ready: Promise<void>;
  /** Attachments, through the Media Content Service with the same token. */
  readonly media: MediaService;
  private readonly names = new Map<string, Promise<string>>();
  private token: string;

  constructor(
    info: TokenInfo,
    private readonly api: ConsoleApi,
    onConnection: (state: string) => void,
  ) {
    const uri = location.origin.replace(/^http/, 'ws') + '/v3/wsconnect';
    this.token = info.token;
    this.media = new MediaService(info.service_sid, () => this.token, info.media_limits);
    this.client = new Client(info.token, {
      Twilsock: { uri },
      logLevel: 'silent',
      typingIndicatorTimeoutOverride: TYPING_SIGNAL_MS,
    } as never);
    this.client.on('connectionStateChanged', (state) => onConnection(state));
    this.ready = new Promise<void>((resolve, reject) => {
      this.client.once('stateChanged', (state) =>
        state === 'initialized' ? resolve() : reject(new Error(state)),
      );
      this.client.once('initFailed', ({ error }) => reject(error ?? new Error('init failed')));
    });
    this.client.on('tokenAboutToExpire', () => void this.renew());
    this.client.on('tokenExpired', () => void this.renew());
  }

  /**
   * The conversation, once the SDK knows the agent takes part in it: right after an accept it may
   * not have heard of the join yet, so it waits for the `conversationJoined`. Not
   * getConversationBySid, which would peek instead: a peeked copy hears no typing indicators.
   */
  async conversation(sid: string): Promise<Conversation> {
    await this.ready;
    let stop = (): void => {};
    const joined = new Promise<Conversation>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`conversation ${sid} not joined`));
      }, JOIN_WAIT_MS);
      const listener = (c: Conversation) => {
        if (c.sid !== sid) return;
        stop();
        resolve(c);
      };
      stop = () => {
        clearTimeout(timer);
        this.client.removeListener('conversationJoined', listener);
      };
      this.client.on('conversationJoined', listener);
    });
    const found = await this.subscribed(sid);
    if (!found) return joined;
    stop();
    joined.catch(() => {});
    return found;
  }

  private async subscribed(sid: string): Promise<Conversation | undefined> {
    let page = await this.client.getSubscribedConversations();
    for (;;) {
      const found = page.items.find((c) => c.sid === sid);
      if (found || !page.hasNextPage) return found;
      page = await page.nextPage();
    }
  }

  /** A user's display name (an agent's or the visitor's), the identity when it has none. */
  nameOf(identity: string): Promise<string> {
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

  async shutdown(): Promise<void> {
    await this.client.shutdown().catch(() => {});
  }

  private async renew(): Promise<void> {
    try {
      const token = (await this.api.token()).token;
      await this.client.updateToken(token);
      this.token = token;
    } catch {
      location.reload();
    }
  }
}
