package dev.parley.api.flex;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.http.TokenBuckets;
import dev.parley.store.ConversationRecord;
import dev.parley.webchat.EngagementData;
import dev.parley.webchat.GuestRequest;
import dev.parley.webchat.GuestSession;
import dev.parley.webchat.SignedIdentity;
import dev.parley.webchat.WebchatDeployments;
import dev.parley.webchat.WebchatGuests;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;

/**
 * Webchat 3's public endpoints, called by the browser with a deployment key and no account
 * credentials (flex-webchat-ui {@code sessionDataHandler.ts}), and Parley's own one for a guest to
 * end its chat; {@link WebchatGate} admits them all.
 */
public final class Webchat3Api {
  /** Served without account credentials: Routes keeps the open CORS off them. */
  public static final String PREFIX = "/v2/Webchat/";

  /**
   * Parley's guest endpoints, which Twilio does not have: under Parley's own namespace rather than
   * Twilio's {@code /v2/Webchat/}, where a later Twilio endpoint could take the name.
   */
  public static final String PARLEY_PREFIX = "/parley/v1/Webchat/";

  /** The widget's read of its deployment's look ({@link #appearance}). */
  public static final String APPEARANCE = PARLEY_PREFIX + "Appearance";

  private static final int MAX_TOKEN_LENGTH = 8 * 1024;
  private final WebchatGuests guests;
  private final WebchatGate gate;
  private final PublicUrl base;

  /**
   * {@code perIp} and {@code perKey} limit requests per client IP and per deployment key; {@code
   * base} makes the guest list's paging URLs.
   */
  public Webchat3Api(
      WebchatGuests guests,
      WebchatDeployments deployments,
      TokenBuckets perIp,
      TokenBuckets perKey,
      PublicUrl base) {
    this.guests = guests;
    this.base = base;
    this.gate = new WebchatGate(deployments, perIp, perKey);
  }

  /**
   * What admits a request by deployment key instead of account credentials ({@link WebchatGate}):
   * the route table puts it in front of each Webchat route.
   */
  public Handler<RoutingContext> gate() {
    return gate;
  }

  /** The client reads these four and keeps them (camel-cased) in localStorage. */
  record Started(String token, String conversationSid, String identity, Instant expiration) {}

  /** Merged by the client over what it stored: no conversation SID. */
  record Refreshed(String token, String identity, Instant expiration) {}

  /** The conversation after a guest closed it. */
  record Closed(String conversationSid, String state, Instant dateUpdated) {}

  public void init(RoutingContext ctx) {
    Params form = Params.form(ctx);
    String identity = FlexWebChatsApi.identity(form);
    SignedIdentity signed = signed(form, identity);
    GuestRequest request =
        new GuestRequest(
            FlexWebChatsApi.limited(form, "CustomerFriendlyName"),
            FlexWebChatsApi.preEngagementData(form),
            signed == null ? identity : null,
            FlexWebChatsApi.uiVersion(ctx.request().getHeader("Ui-Version")),
            signed);
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          GuestSession session = guests.init(deployment, request);
          return new Started(
              session.token(), session.conversationSid(), session.identity(), session.expiration());
        });
  }

  public void refresh(RoutingContext ctx) {
    String token = token(Params.form(ctx));
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          GuestSession session = guests.refresh(deployment, token);
          return new Refreshed(session.token(), session.identity(), session.expiration());
        });
  }

  /** {@code Token}: the guest's own, as for a refresh (a form field keeps it a simple request). */
  public void close(RoutingContext ctx) {
    String token = token(Params.form(ctx));
    String conversation = ctx.pathParam("ConversationSid");
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          var closed = guests.close(deployment, token, conversation);
          return new Closed(closed.sid(), closed.state(), closed.dateUpdated());
        });
  }

  /**
   * Parley's own: the deployment's widget look ({@code /parley/v1/WebchatDeployments}' {@code
   * appearance}), which the widget reads with its key before it shows, so a change shows on the
   * next page load.
   */
  public void appearance(RoutingContext ctx) {
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(ctx, 200, () -> AppearanceView.of(deployment.appearance()));
  }

  /**
   * {@code POST /parley/v1/Webchat/Conversations/List} ({@code Token} and the deployment key in the
   * form, like a close; paging in the query, so {@code next_page_url} is posted with the same
   * form): the guest's conversations, oldest first, each with its state.
   */
  public void conversations(RoutingContext ctx) {
    String token = token(Params.form(ctx));
    Paging paging = Paging.parse(Params.query(ctx), 50, 100);
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                PARLEY_PREFIX + "Conversations/List",
                Map.of(),
                "conversations",
                guests
                    .conversations(deployment, token, paging.request())
                    .map(GuestConversation::of)));
  }

  /** What the widget reads before it shows the pre-engagement form. */
  record Settings(String identityVerification, String verifiedPreEngagement) {}

  /**
   * {@code POST /parley/v1/Webchat/Settings}: the deployment's identity settings for the widget,
   * which skips ({@code skip}) or prefills ({@code prefill}) the form for a verified visitor.
   */
  public void settings(RoutingContext ctx) {
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () ->
            new Settings(
                deployment.identityVerification().wire(),
                deployment.verifiedPreEngagement().wire()));
  }

  /** A row of the guest's list: what the widget shows, and whether it may still write. */
  record GuestConversation(
      String conversationSid,
      String friendlyName,
      String state,
      boolean readOnly,
      Instant dateCreated,
      Instant dateUpdated) {
    static GuestConversation of(ConversationRecord c) {
      // The store keeps the state's wire name; api.flex does not use the conversation package.
      boolean closed = "closed".equals(c.state());
      return new GuestConversation(
          c.sid(), c.friendlyName(), c.state(), closed, c.dateCreated(), c.dateUpdated());
    }
  }

  /**
   * The site's signed identity when {@code IdentityHash} is sent: {@code Identity} is then the
   * site's own identity (required), and {@code IdentityFriendlyName}, {@code IdentityEmail} and
   * {@code IdentityAttributes} (a JSON object) the profile fields the hash covers.
   */
  private static SignedIdentity signed(Params form, String identity) {
    String hash = form.string("IdentityHash");
    if (hash == null || hash.isEmpty()) {
      return null;
    }
    if (identity == null) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Identity");
    }
    String attributes = blankless(form.string("IdentityAttributes"));
    if (attributes != null) {
      EngagementData.signedAttributes(attributes);
    }
    return new SignedIdentity(
        identity,
        blankless(FlexWebChatsApi.limited(form, "IdentityFriendlyName")),
        blankless(FlexWebChatsApi.limited(form, "IdentityEmail")),
        attributes,
        hash);
  }

  /** A blank profile field counts as not sent: browsers post empty fields. */
  private static String blankless(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String token(Params form) {
    // The published client sends "token" in lower case; the documented name is "Token".
    String token = form.has("Token") ? form.string("Token") : form.string("token");
    if (token == null || token.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "longer than any access token");
    }
    return token;
  }
}
