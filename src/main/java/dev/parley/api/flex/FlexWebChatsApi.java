package dev.parley.api.flex;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.http.BasicAuth;
import dev.parley.http.Params;
import dev.parley.http.Replies;
import dev.parley.http.WebhookHeader;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import dev.parley.json.JsonInput;
import dev.parley.webchat.WebChatRequest;
import dev.parley.webchat.WebChatService;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * Flex v2 {@code POST /v2/WebChats}: the orchestration behind a web chat. Answers exactly {@code
 * 201 {"conversation_sid","identity"}} (twilio-oai flex v2, {@code flex.v2.web_channel}).
 */
public final class FlexWebChatsApi {
  /** Twilio error 45731: "pre-engagement data too large, max 16KB". */
  static final int MAX_PRE_ENGAGEMENT_BYTES = 16 * 1024;

  private final WebChatService webChats;

  public FlexWebChatsApi(WebChatService webChats) {
    this.webChats = webChats;
  }

  record Created(String conversationSid, String identity) {}

  public void create(RoutingContext ctx) {
    WebChatRequest request =
        parse(Params.form(ctx), ctx.request().getHeader("Ui-Version"), WebhookHeader.origin(ctx));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        201,
        () -> {
          var chat = webChats.create(account, request);
          return new Created(chat.conversationSid(), chat.identity());
        });
  }

  static WebChatRequest parse(Params form, String uiVersion, Origin origin) {
    String address = form.string("AddressSid");
    if (address == null || address.isEmpty()) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER, "Missing required parameter AddressSid");
    }
    if (!SidPrefix.ADDRESS.matches(address)) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER,
          "AddressSid "
              + address
              + " is invalid: it must be the IG… SID of a chat address configuration");
    }
    String preEngagement = preEngagementData(form);
    String identity = identity(form);
    return new WebChatRequest(
        address,
        limited(form, "ChatFriendlyName"),
        limited(form, "CustomerFriendlyName"),
        preEngagement,
        identity,
        uiVersion(uiVersion),
        origin);
  }

  /** {@code PreEngagementData}: JSON (45745) of at most 16 KB (45731), or null. */
  static String preEngagementData(Params form) {
    String preEngagement = form.string("PreEngagementData");
    if (preEngagement != null) {
      if (preEngagement.getBytes(StandardCharsets.UTF_8).length > MAX_PRE_ENGAGEMENT_BYTES) {
        throw new ApiException(TwilioError.PRE_ENGAGEMENT_TOO_LARGE);
      }
      String problem = JsonInput.problem(preEngagement);
      if (problem != null) {
        throw new ApiException(
            TwilioError.WEBCHAT_INVALID_PARAMETER, "PreEngagementData " + problem);
      }
    }
    return preEngagement;
  }

  /** A returning visitor's {@code Identity}, or null. */
  static String identity(Params form) {
    String identity = form.string("Identity");
    if (identity != null && (identity.isBlank() || identity.length() > 256)) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER, "Identity must be 1 to 256 characters");
    }
    return identity;
  }

  static String uiVersion(String header) {
    return header == null ? null : header.substring(0, Math.min(header.length(), 64));
  }

  static String limited(Params form, String name) {
    String value = form.string(name);
    if (value != null && value.length() > 256) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER, name + " must be at most 256 characters");
    }
    return value;
  }
}
