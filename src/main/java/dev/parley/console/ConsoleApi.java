package dev.parley.console;

import dev.parley.agents.AgentService;
import dev.parley.agents.AgentTokens;
import dev.parley.agents.CannedResponses;
import dev.parley.agents.ChatFlows;
import dev.parley.agents.ConsoleChats;
import dev.parley.agents.ConsoleSession;
import dev.parley.agents.ConsoleSessions;
import dev.parley.agents.LoggedIn;
import dev.parley.console.ConsoleViews.AgentView;
import dev.parley.console.ConsoleViews.AgentsView;
import dev.parley.console.ConsoleViews.LineView;
import dev.parley.console.ConsoleViews.ListsView;
import dev.parley.console.ConsoleViews.SessionView;
import dev.parley.console.ConsoleViews.TokenView;
import dev.parley.console.ConsoleViews.TranscriptView;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.ClientAddress;
import dev.parley.http.Failures;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import dev.parley.media.MediaLimits;
import dev.parley.store.PageRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The agent console's own endpoints under {@code /console} (docs/console.md): log-in and log-out,
 * the agent's access token, the chat lists and the actions on a chat. Everything but the log-in
 * needs the session cookie; every POST but the log-in also the CSRF token ({@link ConsoleAuth}).
 */
public final class ConsoleApi {
  public static final String PREFIX = "/console";

  private final ConsoleSessions sessions;
  private final AgentService agents;
  private final AgentTokens tokens;
  private final ConsoleChats chats;
  private final PublicUrl base;
  private final ConsoleAuth auth;
  private final MediaLimits mediaLimits;
  private final CannedResponses canned;
  private final ChatFlows flows;

  public ConsoleApi(
      ConsoleSessions sessions,
      AgentService agents,
      AgentTokens tokens,
      ConsoleChats chats,
      CannedResponses canned,
      ChatFlows flows,
      MediaLimits mediaLimits,
      PublicUrl base) {
    this.canned = canned;
    this.flows = flows;
    this.mediaLimits = mediaLimits;
    this.sessions = sessions;
    this.agents = agents;
    this.tokens = tokens;
    this.chats = chats;
    this.base = base;
    this.auth = new ConsoleAuth(sessions, base);
  }

  /**
   * The console's session check ({@link ConsoleAuth}): the route table puts it in front of every
   * console endpoint but the log-in.
   */
  public Handler<RoutingContext> auth() {
    return auth;
  }

  public void login(RoutingContext ctx) {
    if (!auth.sameOrigin(ctx)) {
      return;
    }
    Params form = Params.form(ctx);
    String identity = form.required("Identity", 256);
    String password = form.required("Password", 1024);
    String account = form.sid("AccountSid", SidPrefix.ACCOUNT);
    String address = ClientAddress.network(ctx);
    long retryAfter = sessions.admit(address, account, identity);
    if (retryAfter > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
      Failures.render(
          ctx, TwilioError.TOO_MANY_REQUESTS, TwilioError.TOO_MANY_REQUESTS.message(retryAfter));
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> sessions.login(address, account, identity, password), false)
        .onSuccess(
            loggedIn -> {
              ctx.response().addCookie(cookie(loggedIn));
              Replies.send(ctx, 200, SessionView.of(loggedIn.session()));
            })
        .onFailure(ctx::fail);
  }

  public void logout(RoutingContext ctx) {
    String token = ConsoleAuth.token(ctx);
    ctx.response().addCookie(Cookie.cookie(ConsoleAuth.COOKIE, "").setPath(PREFIX).setMaxAge(0));
    Replies.noContent(ctx, () -> sessions.logout(token));
  }

  public void session(RoutingContext ctx) {
    Replies.send(ctx, 200, SessionView.of(ConsoleAuth.session(ctx)));
  }

  public void token(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    Replies.json(ctx, 200, () -> TokenView.of(tokens.mint(session.agent()), mediaLimits));
  }

  public void agents(RoutingContext ctx) {
    AccountSid account = new AccountSid(ConsoleAuth.session(ctx).agent().accountSid());
    Replies.json(
        ctx,
        200,
        () ->
            new AgentsView(
                agents.page(account, PageRequest.first(1000)).items().stream()
                    .map(AgentView::of)
                    .toList()));
  }

  public void lists(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    Replies.json(ctx, 200, () -> ListsView.of(chats.lists(session.agent())));
  }

  public void details(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    String sid = ctx.pathParam("Sid");
    Replies.json(ctx, 200, () -> ConsoleViews.DetailsView.of(chats.details(session.agent(), sid)));
  }

  /** What Studio flows did in the chat (docs/console.md), under the details' rule. */
  public void studio(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    String sid = ctx.pathParam("Sid");
    Replies.json(ctx, 200, () -> ConsoleViews.StudioView.of(sid, flows.of(session.agent(), sid)));
  }

  public void transcript(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    String sid = ctx.pathParam("Sid");
    Replies.json(
        ctx,
        200,
        () ->
            new TranscriptView(
                sid, chats.transcript(session.agent(), sid).stream().map(LineView::of).toList()));
  }

  public void accept(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    String sid = ctx.pathParam("Sid");
    Replies.json(ctx, 200, () -> ConsoleViews.ChatView.of(chats.accept(session.agent(), sid)));
  }

  public void transfer(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    String to = Params.form(ctx).required("To", 256);
    String sid = ctx.pathParam("Sid");
    Replies.noContent(ctx, () -> chats.transfer(session.agent(), sid, to));
  }

  /**
   * {@code Body} and {@code MediaSid} (repeatable, media the agent uploaded), as REST takes them.
   */
  public void send(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    Params form = Params.form(ctx);
    String body = form.string("Body");
    List<String> media = form.strings("MediaSid");
    for (String sid : media) {
      if (!SidPrefix.MEDIA.matches(sid)) {
        throw ApiException.invalid("MediaSid", "must be a ME SID");
      }
    }
    String sid = ctx.pathParam("Sid");
    Replies.json(
        ctx, 201, () -> ConsoleViews.SentView.of(chats.send(session.agent(), sid, body, media)));
  }

  public void close(RoutingContext ctx) {
    ConsoleSession session = ConsoleAuth.session(ctx);
    String sid = ctx.pathParam("Sid");
    Replies.noContent(ctx, () -> chats.close(session.agent(), sid));
  }

  /** The account's canned responses, for the reply box's "/" picker (the first 1,000). */
  public void cannedResponses(RoutingContext ctx) {
    AccountSid account = AccountSid.of(ConsoleAuth.session(ctx).agent().accountSid());
    Replies.json(
        ctx,
        200,
        () ->
            new ConsoleViews.CannedResponsesView(
                canned.page(account, PageRequest.first(1000)).items().stream()
                    .map(ConsoleViews.CannedResponseView::of)
                    .toList()));
  }

  public void createCannedResponse(RoutingContext ctx) {
    AccountSid account = AccountSid.of(ConsoleAuth.session(ctx).agent().accountSid());
    Params form = Params.form(ctx);
    String shortCode = form.string("ShortCode");
    String body = form.string("Body");
    Replies.json(
        ctx,
        201,
        () -> ConsoleViews.CannedResponseView.of(canned.create(account, shortCode, body)));
  }

  public void updateCannedResponse(RoutingContext ctx) {
    AccountSid account = AccountSid.of(ConsoleAuth.session(ctx).agent().accountSid());
    Params form = Params.form(ctx);
    String sid = ctx.pathParam("Sid");
    Replies.json(
        ctx,
        200,
        () ->
            ConsoleViews.CannedResponseView.of(
                canned.update(account, sid, form.string("ShortCode"), form.string("Body"))));
  }

  public void deleteCannedResponse(RoutingContext ctx) {
    AccountSid account = AccountSid.of(ConsoleAuth.session(ctx).agent().accountSid());
    String sid = ctx.pathParam("Sid");
    Replies.noContent(ctx, () -> canned.delete(account, sid));
  }

  /** Secure whenever Parley is reached over HTTPS; Path keeps it off every other endpoint. */
  private Cookie cookie(LoggedIn loggedIn) {
    return Cookie.cookie(ConsoleAuth.COOKIE, loggedIn.token())
        .setPath(PREFIX)
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(base.base().startsWith("https:"))
        .setMaxAge(ConsoleSessions.LIFETIME.toSeconds());
  }
}
