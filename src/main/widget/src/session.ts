// The visitor's session: Parley's public Webchat 3 endpoints and what the browser keeps of them.
// localStorage holds the token, identity and conversation SID per deployment key, so a reload or
// a new tab resumes the chat; the identity outlives the token, so a returning visitor keeps it.

import type { Appearance } from './config';

export interface Session {
  token: string;
  identity: string;
  conversationSid: string;
  /** Epoch milliseconds. */
  expiration: number;
}

interface Stored {
  session?: Session;
  identity?: string;
  open?: boolean;
  /** The visitor's contact answers (name, e-mail…), to fill the form of the next chat. */
  answers?: Record<string, string>;
  /** Messages of the others that arrived while the panel was closed (the launcher's badge). */
  unread?: number;
  /**
   * The site's identity (Parley.identify) the session was started for: under `optional` a hash
   * that does not match gives an anonymous identity, which the same identify then keeps.
   */
  signedAs?: string;
}

export class SessionStore {
  private readonly key: string;

  constructor(deploymentKey: string) {
    this.key = `parley-widget:${deploymentKey}`;
  }

  /**
   * The stored session while its token is still usable. Ten seconds are enough: the SDK warns of
   * the expiry at once and the widget refreshes it (a deployment's tokens may live only 60 s).
   */
  session(): Session | undefined {
    const session = this.read().session;
    return session && session.expiration - Date.now() > 10_000 ? session : undefined;
  }

  identity(): string | undefined {
    const stored = this.read();
    return stored.session?.identity ?? stored.identity;
  }

  answers(): Record<string, string> {
    return this.read().answers ?? {};
  }

  saveAnswers(answers: Record<string, string>): void {
    this.write({ ...this.read(), answers });
  }

  wasOpen(): boolean {
    return this.read().open === true;
  }

  save(session: Session): void {
    this.write({ ...this.read(), session, identity: session.identity });
  }

  /** Forgets the conversation and token; the identity and answers stay for the next chat. */
  forget(): void {
    const { identity, open, answers, signedAs } = this.read();
    this.write({ identity, open, answers, signedAs, unread: 0 });
  }

  signedAs(): string | undefined {
    return this.read().signedAs;
  }

  setSignedAs(signedAs: string | undefined): void {
    this.write({ ...this.read(), signedAs });
  }

  setOpen(open: boolean): void {
    this.write({ ...this.read(), open });
  }

  unread(): number {
    return this.read().unread ?? 0;
  }

  setUnread(unread: number): void {
    this.write({ ...this.read(), unread });
  }

  /**
   * Drops everything kept for this deployment (a logout): no token, identity or answers left, nor
   * the continuation token that the SDK's twilsock keeps in sessionStorage (when the page already
   * uses sessionStorage), which would let the next connection resume the old one's session.
   */
  clear(): void {
    try {
      localStorage.removeItem(this.key);
      for (const key of Object.keys(sessionStorage))
        if (key.startsWith('twilio_continuation_token_')) sessionStorage.removeItem(key);
    } catch {
      // Storage is off: nothing was kept.
    }
  }

  private read(): Stored {
    try {
      return JSON.parse(localStorage.getItem(this.key) ?? '{}') as Stored;
    } catch {
      return {};
    }
  }

  private write(stored: Stored): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(stored));
    } catch {
      // Storage is off (private mode, a blocked third-party frame): the chat works, no resume.
    }
  }
}

/** Twilio's error body, or what the network said. */
export class WebchatError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

/**
 * The site's signed user (`Parley.identify`): `hash` is the hex HMAC-SHA256 the site's backend made
 * with the deployment's identity secret over the identity, or over the four lines of identity,
 * name, email and attributes when any of those is given (docs/verified-visitors.md).
 */
export interface Identified {
  identity: string;
  hash: string;
  name?: string;
  email?: string;
  /** A JSON object's text, exactly as signed. */
  attributes?: string;
}

/** What `POST /parley/v1/Webchat/Settings` answers. */
export interface IdentitySettings {
  identity_verification: 'off' | 'optional' | 'required';
  verified_pre_engagement: 'skip' | 'prefill';
}

/** A row of `POST /parley/v1/Webchat/Conversations/List`. */
export interface GuestConversation {
  conversation_sid: string;
  friendly_name: string | null;
  state: string;
  read_only: boolean;
  date_created: string;
}

/** Verified identities carry this prefix (Parley's `verified:` namespace). */
export const VERIFIED_PREFIX = 'verified:';

export class Webchat3Client {
  constructor(
    private readonly origin: string,
    private readonly deploymentKey: string,
  ) {}

  /** POST /v2/Webchat/Init: a new conversation (for `identity`, when it returns). */
  async init(
    name: string,
    preEngagementData: Record<string, string>,
    identity?: string,
    signed?: Identified,
  ): Promise<Session> {
    const form: Record<string, string> = {
      DeploymentKey: this.deploymentKey,
      CustomerFriendlyName: name,
      PreEngagementData: JSON.stringify(preEngagementData),
    };
    if (signed) {
      form.Identity = signed.identity;
      form.IdentityHash = signed.hash;
      if (signed.name) form.IdentityFriendlyName = signed.name;
      if (signed.email) form.IdentityEmail = signed.email;
      if (signed.attributes) form.IdentityAttributes = signed.attributes;
    } else if (identity) form.Identity = identity;
    const body = await this.post('/v2/Webchat/Init', form);
    return {
      token: body.token,
      identity: body.identity,
      conversationSid: body.conversation_sid,
      expiration: Date.parse(body.expiration),
    };
  }

  /** POST /v2/Webchat/Tokens/Refresh: a new token for the same identity. */
  async refresh(session: Session): Promise<Session> {
    const body = await this.post('/v2/Webchat/Tokens/Refresh', {
      DeploymentKey: this.deploymentKey,
      Token: session.token,
    });
    return { ...session, token: body.token, expiration: Date.parse(body.expiration) };
  }

  /**
   * POST /parley/v1/Webchat/Conversations/{CH}/Close: Parley's own endpoint, as the SDK has no way
   * to change a conversation's state and the guest token may not use the REST API.
   */
  async close(session: Session): Promise<void> {
    await this.post(
      `/parley/v1/Webchat/Conversations/${encodeURIComponent(session.conversationSid)}/Close`,
      {
        DeploymentKey: this.deploymentKey,
        Token: session.token,
      },
    );
  }

  /** POST /parley/v1/Webchat/Settings: whether identities are verified, and the form's fate. */
  async settings(): Promise<IdentitySettings> {
    const body = await this.post('/parley/v1/Webchat/Settings', {
      DeploymentKey: this.deploymentKey,
    });
    return body as unknown as IdentitySettings;
  }

  /**
   * POST /parley/v1/Webchat/Conversations/List: the token's identity's conversations, oldest
   * first, every page (at most 20 of 100, then the oldest are left out).
   */
  async conversations(session: Session): Promise<GuestConversation[]> {
    const form = { DeploymentKey: this.deploymentKey, Token: session.token };
    const all: GuestConversation[] = [];
    let path: string | null = '/parley/v1/Webchat/Conversations/List?PageSize=100';
    for (let pages = 0; path && pages < 20; pages++) {
      const body = (await this.post(path, form)) as unknown as {
        conversations: GuestConversation[];
        meta?: { next_page_url?: string | null };
      };
      all.push(...body.conversations);
      const next = body.meta?.next_page_url;
      // Parley's public URL may differ from the script's origin: the path goes to the latter.
      path = next ? new URL(next).pathname + new URL(next).search : null;
    }
    return all.slice(-2000);
  }

  /** POST /parley/v1/Webchat/Appearance: the deployment's look, within `timeout` ms. */
  async appearance(timeout: number): Promise<Appearance> {
    const body = await this.post(
      '/parley/v1/Webchat/Appearance',
      { DeploymentKey: this.deploymentKey },
      AbortSignal.timeout(timeout),
    );
    return body as unknown as Appearance;
  }

  private async post(
    path: string,
    form: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Record<string, string>> {
    let response: Response;
    try {
      response = await fetch(this.origin + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
        signal,
      });
    } catch (e) {
      throw new WebchatError(0, String(e));
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok)
      throw new WebchatError(response.status, body.message ?? response.statusText, body.code);
    return body;
  }
}
