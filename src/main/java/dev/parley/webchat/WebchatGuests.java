package dev.parley.webchat;

import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.Authenticator;
import dev.parley.auth.MintedToken;
import dev.parley.auth.SigningKey;
import dev.parley.conversation.ConversationChanges;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationState;
import dev.parley.conversation.Scope;
import dev.parley.conversation.Timers;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.ConversationSid;
import dev.parley.ids.ServiceSid;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;

/**
 * Webchat 3 guests: {@code /v2/Webchat/Init} runs the web chat orchestration for a deployment and
 * hands the visitor a token for its new identity; {@code /v2/Webchat/Tokens/Refresh} renews a
 * still-valid guest token; Parley's {@code /parley/v1/Webchat/Conversations/{CH}/Close} lets the
 * guest end its own chat, which the SDK cannot do with a guest token. Guest tokens are ordinary
 * access tokens signed with the account's {@link GuestKeys guest key}, naming only the guest's
 * identity.
 */
public final class WebchatGuests {
  private static final ConversationChanges CLOSE =
      new ConversationChanges(
          null, null, null, null, null, null, ConversationState.CLOSED, Timers.NONE, null);

  private final Store store;
  private final WebChatService webChats;
  private final ConversationService conversations;
  private final GuestKeys guestKeys;
  private final AccessTokens tokens;
  private final Authenticator keys;
  private final VerifiedVisitors verified;

  public WebchatGuests(
      Store store,
      WebChatService webChats,
      ConversationService conversations,
      GuestKeys guestKeys,
      AccessTokens tokens,
      Authenticator keys) {
    this.store = store;
    this.webChats = webChats;
    this.conversations = conversations;
    this.guestKeys = guestKeys;
    this.tokens = tokens;
    this.keys = keys;
    this.verified = new VerifiedVisitors(store);
  }

  private record Started(WebChat chat, String keySid) {}

  /**
   * Creates the visitor's conversation, user and participant through the deployment's address in
   * one transaction, then signs its token. A returning visitor may name only an identity an earlier
   * unverified init of this account gave out (45745 otherwise), so nobody can take an agent's or a
   * verified visitor's identity; a site's signed visitor is decided by {@link VerifiedVisitors}. A
   * verified visitor with an open (active or inactive) conversation in the deployment's service
   * continues the newest one: the answer names it, and nothing is created.
   */
  public GuestSession init(WebchatDeployment deployment, GuestRequest request) {
    String account = deployment.accountSid();
    Started started =
        store.write(
            tx -> {
              VerifiedVisitors.Visitor visitor = verified.decide(tx, deployment, request);
              if (visitor.returningGuest()
                  && !store.webchatDeployments().isGuest(tx, account, visitor.identity())) {
                throw new ApiException(
                    TwilioError.WEBCHAT_INVALID_PARAMETER,
                    "Identity is not a returning Webchat visitor of this account");
              }
              if (visitor.verified()) {
                // The same user from another browser continues its open chat: nothing is written,
                // so no conversation, participant or webhook is added.
                var open =
                    webChats.open(
                        tx, new AccountSid(account), deployment.addressSid(), visitor.identity());
                if (open.isPresent()) {
                  return new Started(open.get(), guestKeys.keySid(tx, account));
                }
              }
              WebChat chat =
                  webChats.create(
                      tx,
                      new AccountSid(account),
                      new WebChatRequest(
                          deployment.addressSid(),
                          deployment.friendlyName(),
                          visitor.customerFriendlyName(),
                          visitor.preEngagementData(),
                          visitor.identity(),
                          request.uiVersion(),
                          Origin.API,
                          visitor.verified()));
              if (!visitor.verified()) {
                // Verified identities stay out: no unverified init may name one.
                store.webchatDeployments().addGuest(tx, account, chat.identity());
              }
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
    AccessGrant grant = guestGrant(deployment, token);
    MintedToken renewed =
        tokens.mint(
            signingKey(grant.keySid()),
            grant.serviceSid(),
            grant.identity(),
            deployment.tokenTtl());
    return new GuestSession(renewed.jwt(), null, grant.identity(), renewed.expiresAt());
  }

  /**
   * Closes {@code conversationSid} for the guest of {@code token} (a guest token of the
   * deployment's account, checked as by {@link #refresh}): 20404 when the token's service has no
   * such conversation, 20403 when the guest is not one of its participants. The guest acts as
   * itself, as an SDK action would (webhooks say {@code Source=SDK} and its {@code ClientIdentity};
   * an {@code onConversationUpdate} pre-action webhook may refuse it), through the same service as
   * a REST {@code State=closed}, so agents and webhooks see an ordinary state change. A closed
   * conversation stays as it is: the visitor and the agent may end the chat at the same moment.
   */
  public ConversationRecord close(
      WebchatDeployment deployment, String token, String conversationSid) {
    AccessGrant grant = guestGrant(deployment, token);
    Scope scope =
        new Scope(
            AccountSid.of(grant.accountSid()),
            ServiceSid.of(grant.serviceSid()),
            Origin.sdk(grant.identity()));
    ConversationRecord conversation =
        store.read(
            tx -> {
              ConversationRecord c =
                  conversations.find(tx, scope, ConversationRef.of(conversationSid));
              if (store.participants().findByIdentity(tx, c.sid(), grant.identity()).isEmpty()) {
                throw new ApiException(
                    TwilioError.FORBIDDEN, "a web chat guest may close only its own conversation");
              }
              return c;
            });
    if (closed(conversation)) {
      return conversation;
    }
    try {
      return conversations.update(scope, new ConversationSid(conversation.sid()), CLOSE);
    } catch (ApiException e) {
      // Closed by someone else since it was read (50377): what the guest asked for is true.
      if (e.error() != TwilioError.CONVERSATION_CLOSED) {
        throw e;
      }
      return store.read(
          tx -> conversations.find(tx, scope, new ConversationSid(conversation.sid())));
    }
  }

  /**
   * The conversations of the guest of {@code token} (checked as by {@link #refresh}) in its
   * service, oldest first: a verified visitor's from every browser it used. Each row says whether
   * it is closed (the SDK refuses new messages there, 50377) so the widget shows it read-only.
   */
  public Slice<ConversationRecord> conversations(
      WebchatDeployment deployment, String token, PageRequest page) {
    AccessGrant grant = guestGrant(deployment, token);
    return store
        .read(tx -> store.memberships().byIdentity(tx, grant.serviceSid(), grant.identity(), page))
        .map(MembershipRecord::conversation);
  }

  private static boolean closed(ConversationRecord conversation) {
    return ConversationState.of(conversation) == ConversationState.CLOSED;
  }

  /**
   * The grant of {@code token} when it is a valid guest token of the deployment's account (the
   * checks of {@link AccessTokens#verify}, then 20103 for a token of another account or one not
   * signed with the guest key, e.g. an agent's).
   */
  private AccessGrant guestGrant(WebchatDeployment deployment, String token) {
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
    return grant;
  }

  private SigningKey signingKey(String keySid) {
    return keys.signingKey(keySid)
        .orElseThrow(() -> new IllegalStateException("guest key " + keySid + " cannot be read"));
  }
}
