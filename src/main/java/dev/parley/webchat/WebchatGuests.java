package dev.parley.webchat;

import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.Authenticator;
import dev.parley.auth.MintedToken;
import dev.parley.auth.SigningKey;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.store.Store;

/**
 * Webchat 3 guests: {@code /v2/Webchat/Init} runs the web chat orchestration for a deployment and
 * hands the visitor a token for its new identity; {@code /v2/Webchat/Tokens/Refresh} renews a
 * still-valid guest token. Guest tokens are ordinary access tokens signed with the account's {@link
 * GuestKeys guest key}, naming only the guest's identity.
 */
public final class WebchatGuests {
  private final Store store;
  private final WebChatService webChats;
  private final GuestKeys guestKeys;
  private final AccessTokens tokens;
  private final Authenticator keys;

  public WebchatGuests(
      Store store,
      WebChatService webChats,
      GuestKeys guestKeys,
      AccessTokens tokens,
      Authenticator keys) {
    this.store = store;
    this.webChats = webChats;
    this.guestKeys = guestKeys;
    this.tokens = tokens;
    this.keys = keys;
  }

  private record Started(WebChat chat, String keySid) {}

  /**
   * Creates the visitor's conversation, user and participant through the deployment's address in
   * one transaction, then signs its token. A returning visitor may name only an identity an earlier
   * init of this account gave out (45745 otherwise), so nobody can take an agent's identity.
   */
  public GuestSession init(WebchatDeployment deployment, GuestRequest request) {
    String account = deployment.accountSid();
    Started started =
        store.write(
            tx -> {
              if (request.identity() != null
                  && !store.webchatDeployments().isGuest(tx, account, request.identity())) {
                throw new ApiException(
                    TwilioError.WEBCHAT_INVALID_PARAMETER,
                    "Identity is not a returning Webchat visitor of this account");
              }
              WebChat chat =
                  webChats.create(
                      tx,
                      account,
                      new WebChatRequest(
                          deployment.addressSid(),
                          deployment.friendlyName(),
                          request.customerFriendlyName(),
                          request.preEngagementData(),
                          request.identity(),
                          request.uiVersion(),
                          Origin.API));
              store.webchatDeployments().addGuest(tx, account, chat.identity());
              return new Started(chat, guestKeys.keySid(tx, account));
            });
    MintedToken token =
        tokens.mint(
            signingKey(started.keySid()),
            started.chat().serviceSid(),
            started.chat().identity(),
            deployment.tokenTtl());
    return new GuestSession(
        token.jwt(),
        started.chat().conversationSid(),
        started.chat().identity(),
        token.expiresAt());
  }

  /**
   * A new token for the identity of {@code token}, which must be a valid guest token of the
   * deployment's account (the checks of {@link AccessTokens#verify}, then 20103 for a token of
   * another account or one not signed with the guest key). The new token lives the deployment's
   * lifetime from now.
   */
  public GuestSession refresh(WebchatDeployment deployment, String token) {
    AccessGrant grant = tokens.verify(token);
    boolean guestKey =
        grant.accountSid().equals(deployment.accountSid())
            && store
                .read(tx -> guestKeys.current(tx, deployment.accountSid()))
                .map(grant.keySid()::equals)
                .orElse(false);
    if (!guestKey) {
      throw new ApiException(TwilioError.TOKEN_NOT_GUEST);
    }
    MintedToken renewed =
        tokens.mint(
            signingKey(grant.keySid()),
            grant.serviceSid(),
            grant.identity(),
            deployment.tokenTtl());
    return new GuestSession(renewed.jwt(), null, grant.identity(), renewed.expiresAt());
  }

  private SigningKey signingKey(String keySid) {
    return keys.signingKey(keySid)
        .orElseThrow(() -> new IllegalStateException("guest key " + keySid + " cannot be read"));
  }
}
