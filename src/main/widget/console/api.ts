// The console's own endpoints (docs/console.md): same origin, the session in an HttpOnly
// cookie the script never sees, and the session's CSRF token sent back with every change.

export interface AgentInfo {
  sid: string;
  identity: string;
  friendly_name: string;
}

export interface SessionInfo {
  agent: AgentInfo;
  account_sid: string;
  csrf_token: string;
  expires_at: string;
}

export interface MediaLimits {
  max_file_bytes: number;
  max_per_message: number;
  max_per_message_bytes: number;
  /** Content types (`image/png`) or families (image/ and a star) the server takes; absent: any. */
  accepted_types?: string[];
}

export interface TokenInfo {
  token: string;
  identity: string;
  service_sid: string;
  expires_at: string;
  media_limits: MediaLimits;
}

/** A message's medium as the server lists it (REST's `media` items). */
export interface MediaItem {
  sid: string;
  content_type: string;
  filename: string | null;
  size: number;
  category?: string;
}

export interface ChatInfo {
  conversation_sid: string;
  friendly_name: string | null;
  customer_name: string | null;
  pre_engagement_data: Record<string, unknown>;
  state: string;
  date_created: string;
  date_updated: string;
  waiting_seconds: number;
  /** The start of the newest message (waiting and open chats); null when nothing was written. */
  preview: string | null;
  /** Messages after the agent's read horizon, in its open chats; null in the other lists. */
  unread: number | null;
  /**
   * The site signed the visitor's identity (the server's `identity_verified`); only then are
   * `pre_engagement_data`'s `signedFields` keys shown as verified.
   */
  verified: boolean;
}

export interface EarlierChat {
  conversation_sid: string;
  state: string;
  date_created: string;
  date_updated: string;
  preview: string | null;
}

export interface ChatDetails {
  chat: ChatInfo;
  visitor_identity: string | null;
  earlier_chats: EarlierChat[];
}

/** One transition of a flow's execution: `name` is the event, as Studio's REST API names it. */
export interface StudioStep {
  name: string;
  transitioned_from: string;
  transitioned_to: string;
  date_created: string;
}

/** What a Studio flow did in a chat (`GET /console/chats/{Sid}/studio`). */
export interface StudioExecution {
  sid: string;
  flow_sid: string;
  flow_name: string | null;
  revision: number;
  status: string;
  /** The widget waiting for the visitor's reply or a call's answer; null when none waits. */
  waiting_on: string | null;
  wait_until: string | null;
  date_created: string;
  date_updated: string;
  steps: StudioStep[];
  variables: Record<string, unknown>;
  widgets: Record<string, unknown>;
  /** What send-to-flex rendered; null when the flow did not send the chat to agents. */
  task_attributes: unknown;
}

export interface CannedResponse {
  sid: string;
  short_code: string;
  body: string;
}

export interface Lists {
  waiting: ChatInfo[];
  mine: ChatInfo[];
  closed: ChatInfo[];
}

export interface TranscriptLine {
  index: number;
  author: string | null;
  author_name: string;
  body: string;
  media: MediaItem[];
  date_created: string;
}

/** A Twilio-style error answer: `{code, message, more_info, status}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class ConsoleApi {
  private csrf = '';

  /** The current session, or null when not logged in. */
  async session(): Promise<SessionInfo | null> {
    try {
      return this.remember(await this.call<SessionInfo>('GET', '/console/session'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }

  /** `account` (an Account SID) names the agent's account; empty leaves it to the identity. */
  async login(identity: string, password: string, account = ''): Promise<SessionInfo> {
    const form: Record<string, string> = { Identity: identity, Password: password };
    if (account) form.AccountSid = account;
    return this.remember(await this.call<SessionInfo>('POST', '/console/login', form));
  }

  logout(): Promise<unknown> {
    return this.call('POST', '/console/logout');
  }

  token(): Promise<TokenInfo> {
    return this.call<TokenInfo>('POST', '/console/token');
  }

  lists(): Promise<Lists> {
    return this.call<Lists>('GET', '/console/chats');
  }

  async agents(): Promise<AgentInfo[]> {
    return (await this.call<{ agents: AgentInfo[] }>('GET', '/console/agents')).agents;
  }

  details(sid: string): Promise<ChatDetails> {
    return this.call<ChatDetails>('GET', `/console/chats/${encodeURIComponent(sid)}`);
  }

  async studio(sid: string): Promise<StudioExecution[]> {
    return (
      await this.call<{ executions: StudioExecution[] }>(
        'GET',
        `/console/chats/${encodeURIComponent(sid)}/studio`,
      )
    ).executions;
  }

  async cannedResponses(): Promise<CannedResponse[]> {
    return (
      await this.call<{ canned_responses: CannedResponse[] }>('GET', '/console/canned-responses')
    ).canned_responses;
  }

  saveCannedResponse(shortCode: string, body: string): Promise<CannedResponse> {
    return this.call('POST', '/console/canned-responses', { ShortCode: shortCode, Body: body });
  }

  deleteCannedResponse(sid: string): Promise<unknown> {
    return this.call('DELETE', `/console/canned-responses/${encodeURIComponent(sid)}`);
  }

  accept(sid: string): Promise<ChatInfo> {
    return this.call<ChatInfo>('POST', `/console/chats/${encodeURIComponent(sid)}/accept`);
  }

  transfer(sid: string, to: string): Promise<unknown> {
    return this.call('POST', `/console/chats/${encodeURIComponent(sid)}/transfer`, { To: to });
  }

  /** The agent's message: text, media it uploaded (ME SIDs), or both. */
  send(sid: string, body: string, media: string[]): Promise<{ sid: string; index: number }> {
    const form = new URLSearchParams();
    if (body) form.append('Body', body);
    for (const m of media) form.append('MediaSid', m);
    return this.call('POST', `/console/chats/${encodeURIComponent(sid)}/messages`, form);
  }

  close(sid: string): Promise<unknown> {
    return this.call('POST', `/console/chats/${encodeURIComponent(sid)}/close`);
  }

  async transcript(sid: string): Promise<TranscriptLine[]> {
    return (
      await this.call<{ messages: TranscriptLine[] }>(
        'GET',
        `/console/chats/${encodeURIComponent(sid)}/transcript`,
      )
    ).messages;
  }

  private remember(session: SessionInfo): SessionInfo {
    this.csrf = session.csrf_token;
    return session;
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    form?: Record<string, string> | URLSearchParams,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') headers['X-Parley-CSRF-Token'] = this.csrf;
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(path, {
      method,
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 204) return undefined as T;
    const body = await response.json().catch(() => ({}));
    if (!response.ok)
      throw new ApiError(
        response.status,
        body.code ?? 0,
        body.message ?? `HTTP ${response.status}`,
      );
    return body as T;
  }
}
