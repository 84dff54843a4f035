package dev.parley.app;

import dev.parley.api.accounts.AccountsApi;
import dev.parley.api.accounts.KeysApi;
import dev.parley.api.conversations.AddressConfigurationsApi;
import dev.parley.api.conversations.ConfigurationApi;
import dev.parley.api.conversations.ConversationWebhooksApi;
import dev.parley.api.conversations.ConversationWithParticipantsApi;
import dev.parley.api.conversations.ConversationsApi;
import dev.parley.api.conversations.DeliveryReceiptsApi;
import dev.parley.api.conversations.MessagesApi;
import dev.parley.api.conversations.ParticipantConversationsApi;
import dev.parley.api.conversations.ParticipantsApi;
import dev.parley.api.conversations.RolesApi;
import dev.parley.api.conversations.ScopedPaths;
import dev.parley.api.conversations.ServiceConfigurationApi;
import dev.parley.api.conversations.ServicesApi;
import dev.parley.api.conversations.UserConversationsApi;
import dev.parley.api.conversations.UsersApi;
import dev.parley.api.flex.FlexFlowsApi;
import dev.parley.api.flex.WebChannelsApi;
import dev.parley.api.flex.WebChatsApi;
import dev.parley.auth.AccountService;
import dev.parley.auth.ApiKeyService;
import dev.parley.auth.Authenticator;
import dev.parley.auth.MasterKey;
import dev.parley.auth.SecretBox;
import dev.parley.conversation.AccountConfiguration;
import dev.parley.conversation.AddressConfigurations;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationWebhooks;
import dev.parley.conversation.ConversationWithParticipantsService;
import dev.parley.conversation.DeliveryReceiptService;
import dev.parley.conversation.MembershipService;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.RoleService;
import dev.parley.conversation.ServiceConfiguration;
import dev.parley.conversation.ServiceDirectory;
import dev.parley.conversation.UserService;
import dev.parley.http.BasicAuth;
import dev.parley.http.Failures;
import dev.parley.http.FormBodies;
import dev.parley.http.Json;
import dev.parley.http.PublicUrl;
import dev.parley.http.RequestIds;
import dev.parley.ids.RandomSids;
import dev.parley.store.Store;
import dev.parley.store.sql.SqliteStore;
import dev.parley.webchat.FlexFlowService;
import dev.parley.webchat.WebChannelService;
import dev.parley.webchat.WebChatService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Parley: store, domain services and the HTTP server, wired once for main and tests. */
public final class Parley implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Parley.class);
  static final int MAX_BODY_BYTES = 1 << 20;

  private final Vertx vertx;
  private final HttpServer server;
  private final Store store;
  private final Bootstrap.Result bootstrap;
  private final String publicUrl;
  private final Services services;
  private final Router router;

  private Parley(
      Vertx vertx,
      HttpServer server,
      Router router,
      Store store,
      Bootstrap.Result bootstrap,
      String publicUrl,
      Services services) {
    this.vertx = vertx;
    this.server = server;
    this.router = router;
    this.store = store;
    this.bootstrap = bootstrap;
    this.publicUrl = publicUrl;
    this.services = services;
  }

  /** The domain services, wired on one store. */
  record Services(
      AccountService accounts,
      ApiKeyService apiKeys,
      Authenticator authenticator,
      ServiceDirectory directory,
      ConversationService conversations,
      UserService users,
      ParticipantService participants,
      MembershipService memberships,
      ConversationWithParticipantsService conversationsWithParticipants,
      FlexFlowService flexFlows,
      MessageService messages,
      DeliveryReceiptService deliveryReceipts,
      RoleService roles,
      AccountConfiguration configuration,
      ServiceConfiguration serviceConfiguration,
      AddressConfigurations addresses,
      ConversationWebhooks conversationWebhooks,
      WebChatService webChats,
      WebChannelService webChannels) {}

  /** Opens the store, bootstraps it when empty, and starts serving. */
  public static Parley start(Config config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
    // Netty and the store (Flyway, SQLite) each take a few hundred milliseconds to come up: start
    // both at once.
    long begin = System.nanoTime();
    long storeReady;
    CompletableFuture<Vertx> starting =
        CompletableFuture.supplyAsync(
            () -> {
              Vertx vertx = Vertx.vertx();
              Json.warmUp();
              return vertx;
            });
    SecretBox box = new SecretBox(MasterKey.load(config.masterKey(), config.dataDir()));
    Store store;
    try {
      store = SqliteStore.open(config.dataDir().resolve("parley.db"));
      storeReady = System.nanoTime();
    } catch (RuntimeException e) {
      starting.thenAccept(Vertx::close);
      throw e;
    }
    try {
      Clock clock = Clock.systemUTC();
      RandomSids sids = new RandomSids();
      Authenticator authenticator = new Authenticator(store, box);
      ServiceDirectory directory = new ServiceDirectory(store, clock, sids);
      ConversationService conversations = new ConversationService(store, clock, sids);
      UserService users = new UserService(store, clock, sids);
      ParticipantService participants =
          new ParticipantService(store, clock, sids, conversations, users);
      MessageService messages = new MessageService(store, clock, sids, conversations);
      AddressConfigurations addresses = new AddressConfigurations(store, clock, sids);
      ConversationWebhooks conversationWebhooks =
          new ConversationWebhooks(store, clock, sids, conversations);
      FlexFlowService flexFlows = new FlexFlowService(store, clock, sids);
      Services services =
          new Services(
              new AccountService(store, clock, box, sids, directory::setUpAccount, authenticator),
              new ApiKeyService(store, clock, box, sids, authenticator),
              authenticator,
              directory,
              conversations,
              users,
              participants,
              new MembershipService(store, users, conversations, participants),
              new ConversationWithParticipantsService(store, conversations, participants),
              flexFlows,
              messages,
              new DeliveryReceiptService(store, messages),
              new RoleService(store, clock, sids),
              new AccountConfiguration(store),
              new ServiceConfiguration(store, clock, directory),
              addresses,
              conversationWebhooks,
              new WebChatService(
                  store,
                  addresses,
                  users,
                  conversations,
                  participants,
                  conversationWebhooks,
                  () -> UUID.randomUUID().toString()),
              new WebChannelService(
                  store, flexFlows, users, conversations, participants, conversationWebhooks));
      Bootstrap.Result bootstrap =
          Bootstrap.run(config, store, services.accounts(), services.addresses(), sids);
      Vertx vertx = starting.join();
      Router router = Router.router(vertx);
      PublicUrl publicUrl = new PublicUrl();
      routes(router, services, publicUrl);
      HttpServer server =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost(config.host())
                      .setPort(config.port())
                      // Vert.x caps one form field at 8 KB and fails the request (a 500) beyond
                      // it; a 1,600-character Body or a large Attributes JSON is bigger once
                      // percent-encoded, so a field may be as large as the whole body.
                      .setMaxFormAttributeSize(MAX_BODY_BYTES))
              .requestHandler(router);
      // Requests are accepted once listen() has bound; the URL base is known before any can arrive
      // except with port 0, whose number nobody can know until listen() returns.
      if (config.port() != 0) {
        publicUrl.resolve(config.publicUrlFor(config.port()));
      }
      server.listen().await(30, TimeUnit.SECONDS);
      publicUrl.resolve(config.publicUrlFor(server.actualPort()));
      log.info(
          "event=started port={} public_url={} store_ms={} total_ms={}",
          server.actualPort(),
          publicUrl.base(),
          (storeReady - begin) / 1_000_000,
          (System.nanoTime() - begin) / 1_000_000);
      return new Parley(vertx, server, router, store, bootstrap, publicUrl.base(), services);
    } catch (RuntimeException e) {
      store.close();
      starting.thenAccept(Vertx::close);
      throw e;
    } catch (Exception e) {
      store.close();
      starting.thenAccept(Vertx::close);
      throw new IllegalStateException("Parley failed to start", e);
    }
  }

  /** The route table: the same for main and tests. */
  static void routes(Router router, Services services, PublicUrl base) {
    router.route().handler(RequestIds::assign);
    router
        .route()
        .handler(
            CorsHandler.create()
                .addOrigin("*")
                .allowedMethods(
                    Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.OPTIONS))
                .allowedHeaders(
                    Set.of(
                        "Content-Type",
                        "Authorization",
                        "Ui-Version",
                        "X-Twilio-Webhook-Enabled",
                        "I-Twilio-Idempotency-Token")));
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route().handler(FormBodies::require);
    BasicAuth auth = new BasicAuth(services.authenticator());
    router.route("/v1/*").handler(auth);
    router.route("/v2/*").handler(auth);
    router.route("/2010-04-01/*").handler(auth);
    ScopedPaths paths = new ScopedPaths(router, services.directory());
    new ConversationsApi(services.conversations(), paths, base);
    new AccountsApi(router, services.accounts());
    new KeysApi(router, services.apiKeys());
    new ConversationWithParticipantsApi(services.conversationsWithParticipants(), paths, base);
    new ParticipantsApi(services.participants(), paths, base);
    new UsersApi(services.users(), paths, base);
    new UserConversationsApi(services.memberships(), paths, base);
    new ParticipantConversationsApi(services.memberships(), paths, base);
    new FlexFlowsApi(router, services.flexFlows(), base);
    new WebChannelsApi(router, services.webChannels(), base);
    new MessagesApi(services.messages(), paths, base);
    new DeliveryReceiptsApi(services.deliveryReceipts(), paths, base);
    new ServicesApi(router, services.directory(), base);
    new RolesApi(services.roles(), paths, base);
    new ConfigurationApi(router, services.configuration(), base);
    new ServiceConfigurationApi(router, services.serviceConfiguration(), paths, base);
    new AddressConfigurationsApi(router, services.addresses(), base);
    new ConversationWebhooksApi(services.conversationWebhooks(), paths, base);
    new WebChatsApi(router, services.webChats());
    router.route().failureHandler(Failures::handle);
    router.errorHandler(404, ctx -> Failures.byStatus(ctx, 404));
    router.errorHandler(405, ctx -> Failures.byStatus(ctx, 405));
    router.errorHandler(413, ctx -> Failures.byStatus(ctx, 413));
  }

  public int port() {
    return server.actualPort();
  }

  public String publicUrl() {
    return publicUrl;
  }

  /** The account created on first start, or null when the store already had one. */
  public String bootstrappedAccountSid() {
    return bootstrap == null ? null : bootstrap.accountSid();
  }

  /** The auth token Parley generated on first start; null otherwise. Shown once, then forgotten. */
  public String generatedAuthToken() {
    return bootstrap == null ? null : bootstrap.generatedToken();
  }

  /** Whether a route is registered for exactly {@code path}. */
  boolean serves(String path) {
    return router.getRoutes().stream().anyMatch(route -> path.equals(route.getPath()));
  }

  Services services() {
    return services;
  }

  Store store() {
    return store;
  }

  /** Stops accepting, lets in-flight requests finish, then closes the store. */
  @Override
  public void close() {
    try {
      server.shutdown(10, TimeUnit.SECONDS).await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("event=shutdown_incomplete", e);
    }
    try {
      vertx.close().await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("event=vertx_close_incomplete", e);
    }
    store.close();
    log.info("event=stopped");
  }
}
