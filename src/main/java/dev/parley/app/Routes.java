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
import dev.parley.api.flex.WebchatApi;
import dev.parley.api.flex.WebchatDeploymentsApi;
import dev.parley.api.parley.AgentsApi;
import dev.parley.api.parley.WebhookDeliveriesApi;
import dev.parley.console.ConsoleApi;
import dev.parley.console.ConsoleAssets;
import dev.parley.error.TwilioError;
import dev.parley.http.BasicAuth;
import dev.parley.http.Failures;
import dev.parley.http.FormBodies;
import dev.parley.http.PublicUrl;
import dev.parley.http.RequestIds;
import dev.parley.http.TokenBuckets;
import dev.parley.observe.ObserveApi;
import dev.parley.realtime.TwilsockEndpoint;
import dev.parley.realtime.TwilsockProtocol;
import dev.parley.widget.WidgetAssets;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/** The route table: shared plumbing first, then each product's API, then the failure handlers. */
final class Routes {
  private Routes() {}

  /** The public Webchat endpoints, admitted by deployment key (WebchatGate), not credentials. */
  private static final List<String> WEBCHAT = List.of(WebchatApi.PREFIX, WebchatApi.PARLEY_PREFIX);

  /** Webchat answers CORS for its deployments' origins; the console is same-origin only. */
  private static final List<String> NOT_OPEN_CORS =
      List.of(WebchatApi.PREFIX, WebchatApi.PARLEY_PREFIX, ConsoleApi.PREFIX);

  /** Buckets per rate limit: at about 100 bytes each, at most a few MB per limit. */
  private static final int MAX_RATE_BUCKETS = 50_000;

  static void register(
      Router router,
      Services services,
      PublicUrl base,
      Config.WebchatLimits limits,
      TwilsockEndpoint twilsock,
      ObserveApi observe) {
    // First: the upgrade must happen before a body handler reads the request or Basic auth (the
    // SDK sends no credentials; its token travels in the init frame).
    router.get(TwilsockProtocol.PATH).handler(twilsock::upgrade);
    router.route().handler(RequestIds::assign);
    new WidgetAssets(router);
    new ConsoleAssets(router);
    // Load balancers and Prometheus call these without Twilio credentials.
    observe.register(router);
    // Webchat 3's public endpoints grant CORS per deployment key (WebchatGate), not to everyone;
    // the agent console is for Parley's own origin only.
    router
        .route()
        .handler(
            except(
                NOT_OPEN_CORS,
                CorsHandler.create()
                    .addOrigin("*")
                    .allowedMethods(
                        Set.of(
                            HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.OPTIONS))
                    .allowedHeaders(
                        Set.of(
                            "Content-Type",
                            "Authorization",
                            "Ui-Version",
                            "X-Twilio-Webhook-Enabled",
                            "I-Twilio-Idempotency-Token"))));
    // The SDK uploads media here itself (X-Twilio-Token, no Basic auth): say plainly that media
    // is not served yet rather than ask for credentials it cannot give.
    router
        .routeWithRegex("^/v1/Services/[^/]+/Media(Set)?(/.*)?$")
        .handler(
            ctx ->
                Failures.render(
                    ctx,
                    TwilioError.NOT_IMPLEMENTED,
                    TwilioError.NOT_IMPLEMENTED.message("Media (message attachments)")));
    router.route().handler(BodyHandler.create(false).setBodyLimit(Parley.MAX_BODY_BYTES));
    router.route().handler(FormBodies::require);
    BasicAuth auth = new BasicAuth(services.authenticator());
    router.route("/v1/*").handler(auth);
    router.route("/v2/*").handler(except(WEBCHAT, auth));
    router.route("/2010-04-01/*").handler(auth);
    router.route("/parley/v1/*").handler(except(WEBCHAT, auth));
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
    new WebchatDeploymentsApi(router, services.webchatDeployments(), base);
    new WebchatApi(
        router,
        services.webchatGuests(),
        services.webchatDeployments(),
        new TokenBuckets(limits.perIpPerMinute(), MAX_RATE_BUCKETS),
        new TokenBuckets(limits.perKeyPerMinute(), MAX_RATE_BUCKETS));
    new WebhookDeliveriesApi(router, services.deliveryHistory(), base);
    Services.Console console = services.console();
    new AgentsApi(router, console.agents(), base);
    new ConsoleApi(
        router, console.sessions(), console.agents(), console.tokens(), console.chats(), base);
    router.route().failureHandler(Failures::handle);
    router.errorHandler(404, ctx -> Failures.byStatus(ctx, 404));
    router.errorHandler(405, ctx -> Failures.byStatus(ctx, 405));
    router.errorHandler(413, ctx -> Failures.byStatus(ctx, 413));
  }

  /** {@code handler} for every path except those under {@code prefixes}, which pass straight on. */
  private static Handler<RoutingContext> except(
      List<String> prefixes, Handler<RoutingContext> handler) {
    return ctx -> {
      String path = ctx.normalizedPath();
      if (prefixes.stream().anyMatch(path::startsWith)) {
        ctx.next();
      } else {
        handler.handle(ctx);
      }
    };
  }
}
