package dev.parley.app;

import static dev.parley.http.Access.ACCESS_TOKEN;
import static dev.parley.http.Access.ACCOUNT_BASIC;
import static dev.parley.http.Access.ACCOUNT_BASIC_OR_ACCESS_TOKEN;
import static dev.parley.http.Access.CONSOLE_SESSION;
import static dev.parley.http.Access.DEPLOYMENT_KEY;
import static dev.parley.http.Access.PUBLIC;
import static dev.parley.http.Access.SIGNED_URL;

import dev.parley.api.accounts.AccountsApi;
import dev.parley.api.accounts.KeysApi;
import dev.parley.api.flex.FlexFlowsApi;
import dev.parley.api.flex.FlexWebChatsApi;
import dev.parley.api.flex.WebChannelsApi;
import dev.parley.api.flex.Webchat3Api;
import dev.parley.api.flex.WebchatDeploymentsApi;
import dev.parley.api.media.MediaApi;
import dev.parley.api.parley.AgentsApi;
import dev.parley.api.parley.CannedResponsesApi;
import dev.parley.api.parley.WebhookDeliveriesApi;
import dev.parley.api.studio.ExecutionsApi;
import dev.parley.api.studio.FlowsApi;
import dev.parley.console.ConsoleApi;
import dev.parley.console.ConsoleAssets;
import dev.parley.http.BasicAuth;
import dev.parley.http.ClientAddress;
import dev.parley.http.Failures;
import dev.parley.http.FormBody;
import dev.parley.http.HttpLimits;
import dev.parley.http.PublicUrl;
import dev.parley.http.RequestIds;
import dev.parley.http.RouteTable;
import dev.parley.http.TokenBuckets;
import dev.parley.http.TokenOrBasicAuth;
import dev.parley.observe.ObserveApi;
import dev.parley.realtime.TwilsockEndpoint;
import dev.parley.realtime.TwilsockProtocol;
import dev.parley.widget.HomePage;
import dev.parley.widget.WidgetAssets;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table: every route with its method, path, {@link dev.parley.http.Access} and handler,
 * in the order Vert.x tries them (docs/routes.md). RoutesTest lists the running router against
 * {@code src/test/resources/routes.golden}.
 */
final class Routes {
  private Routes() {}

  /** Buckets per rate limit: at about 100 bytes each, at most a few MB per limit. */
  private static final int MAX_RATE_BUCKETS = 50_000;

  /** Webchat answers CORS for its deployments' origins; the console is same-origin only. */
  private static final List<String> NOT_OPEN_CORS =
      List.of(Webchat3Api.PREFIX, Webchat3Api.PARLEY_PREFIX, ConsoleApi.PREFIX);

  static RouteTable register(
      Vertx vertx,
      Router router,
      Wiring wiring,
      PublicUrl base,
      Config.WebchatLimits limits,
      ClientAddress clients,
      TwilsockEndpoint twilsock,
      ObserveApi observe) {
    Wiring.Console agents = wiring.console();
    Webchat3Api webchat =
        new Webchat3Api(
            wiring.webchatGuests(),
            wiring.webchatDeployments(),
            new TokenBuckets(limits.perIpPerMinute(), MAX_RATE_BUCKETS),
            new TokenBuckets(limits.perKeyPerMinute(), MAX_RATE_BUCKETS),
            base);
    ConsoleApi console =
        new ConsoleApi(
            agents.sessions(),
            agents.agents(),
            agents.tokens(),
            agents.chats(),
            agents.canned(),
            agents.flows(),
            wiring.media().limits(),
            base);
    BasicAuth basic = new BasicAuth(wiring.authenticator());
    RouteTable table =
        new RouteTable(
            vertx,
            router,
            Map.of(
                ACCOUNT_BASIC,
                basic,
                ACCOUNT_BASIC_OR_ACCESS_TOKEN,
                new TokenOrBasicAuth(wiring.accessTokens(), basic),
                DEPLOYMENT_KEY,
                webchat.gate(),
                CONSOLE_SESSION,
                console.auth()));

    // The SDK's WebSocket: upgraded before anything reads the request. It sends no credentials;
    // its access token travels in the init frame, checked before any command. The requests it
    // tunnels, all ACCESS_TOKEN, are declared in TunnelRoutes.
    table.get(TwilsockProtocol.PATH, ACCESS_TOKEN, twilsock::upgrade);

    // ---- Edge: plumbing, in order, for every request below ----
    table.edge("request ids", RequestIds::assign);
    // Who the client is, behind the proxies Parley trusts: the per-client limits count by it.
    table.edge("client address", clients);

    // Files and probes, before the API's CORS and body handling: they set their own headers.
    WidgetAssets widget = new WidgetAssets();
    ConsoleAssets consolePage = new ConsoleAssets();
    HomePage home = new HomePage();
    table
        // A person opening the base URL gets a page (HTML only; API clients keep the JSON 404).
        .any(HomePage.PATH, PUBLIC, home::page)
        .any(HomePage.FAVICON_PATH, PUBLIC, home::favicon)
        .any(WidgetAssets.SCRIPT_PATH, PUBLIC, widget::script)
        .any(WidgetAssets.DEMO_PATH, PUBLIC, widget::demo)
        .any(ConsoleAssets.PAGE_PATH, PUBLIC, consolePage::page)
        .any(ConsoleAssets.SCRIPT_PATH, PUBLIC, consolePage::script)
        // Load balancers and Prometheus have no Twilio credentials (/metrics may want a token).
        .get(ObserveApi.HEALTH, PUBLIC, observe::health)
        .get(ObserveApi.READY, PUBLIC, observe::ready)
        .get(ObserveApi.METRICS, PUBLIC, observe::metrics);

    // ---- Edge: the APIs' plumbing ----
    table.edge("open CORS", except(NOT_OPEN_CORS, openCors()));
    // Twilio's Media Content Service (docs/media.md), before the body handler: uploads stream to
    // disk and the SDK sends its access token as X-Twilio-Token, not Basic auth.
    MediaApi media = new MediaApi(wiring.media(), wiring.mediaUrls(), base);
    String medium = "/v1/Services/:ChatServiceSid/Media/:MediaSid";
    table
        .post("/v1/Services/:ChatServiceSid/Media", ACCOUNT_BASIC_OR_ACCESS_TOKEN, media::upload)
        .get(medium, ACCOUNT_BASIC_OR_ACCESS_TOKEN, media::fetch)
        .get(medium + "/Content", ACCOUNT_BASIC_OR_ACCESS_TOKEN, media::content)
        .get(medium + "/Content/Direct", SIGNED_URL, media::direct)
        .post(
            "/v1/Services/:ChatServiceSid/MediaSet",
            ACCOUNT_BASIC_OR_ACCESS_TOKEN,
            media::mediaSet);
    table.edge("form body", new FormBody(Parley.MAX_BODY_BYTES, HttpLimits.MAX_FORM_FIELDS));

    // ---- Conversations v1, with their /v1/Services/:ChatServiceSid twins ----
    ConversationsRoutes.declare(table, wiring, base);

    // ---- Flex ----
    FlexWebChatsApi webChats = new FlexWebChatsApi(wiring.webChats());
    FlexFlowsApi flows = new FlexFlowsApi(wiring.flexFlows(), base);
    WebChannelsApi channels = new WebChannelsApi(wiring.webChannels(), base);
    table
        .post("/v2/WebChats", ACCOUNT_BASIC, webChats::create)
        .post("/v1/FlexFlows", ACCOUNT_BASIC, flows::create)
        .get("/v1/FlexFlows", ACCOUNT_BASIC, flows::list)
        .get("/v1/FlexFlows/:Sid", ACCOUNT_BASIC, flows::fetch)
        .post("/v1/FlexFlows/:Sid", ACCOUNT_BASIC, flows::update)
        .delete("/v1/FlexFlows/:Sid", ACCOUNT_BASIC, flows::delete)
        .post("/v1/WebChannels", ACCOUNT_BASIC, channels::create)
        .get("/v1/WebChannels", ACCOUNT_BASIC, channels::list)
        .get("/v1/WebChannels/:Sid", ACCOUNT_BASIC, channels::fetch)
        .post("/v1/WebChannels/:Sid", ACCOUNT_BASIC, channels::update)
        .delete("/v1/WebChannels/:Sid", ACCOUNT_BASIC, channels::delete);

    // ---- Studio v2 (docs/studio.md) ----
    FlowsApi studioFlows = new FlowsApi(wiring.studio().flows(), base);
    table
        .post("/v2/Flows", ACCOUNT_BASIC, studioFlows::create)
        .get("/v2/Flows", ACCOUNT_BASIC, studioFlows::list)
        .post("/v2/Flows/Validate", ACCOUNT_BASIC, studioFlows::validate)
        .get("/v2/Flows/:Sid", ACCOUNT_BASIC, studioFlows::fetch)
        .post("/v2/Flows/:Sid", ACCOUNT_BASIC, studioFlows::update)
        .delete("/v2/Flows/:Sid", ACCOUNT_BASIC, studioFlows::delete)
        .get("/v2/Flows/:Sid/Revisions", ACCOUNT_BASIC, studioFlows::revisions)
        .get("/v2/Flows/:Sid/Revisions/:Revision", ACCOUNT_BASIC, studioFlows::revision)
        .get("/v2/Flows/:Sid/TestUsers", ACCOUNT_BASIC, studioFlows::testUsers)
        .post("/v2/Flows/:Sid/TestUsers", ACCOUNT_BASIC, studioFlows::setTestUsers);
    ExecutionsApi runs = new ExecutionsApi(wiring.studio().executions(), base);
    String executions = "/v2/Flows/:FlowSid/Executions";
    String steps = executions + "/:ExecutionSid/Steps";
    table
        .post(executions, ACCOUNT_BASIC, runs::create)
        .get(executions, ACCOUNT_BASIC, runs::list)
        .get(executions + "/:Sid", ACCOUNT_BASIC, runs::fetch)
        .post(executions + "/:Sid", ACCOUNT_BASIC, runs::update)
        .delete(executions + "/:Sid", ACCOUNT_BASIC, runs::delete)
        .get(executions + "/:ExecutionSid/Context", ACCOUNT_BASIC, runs::context)
        .get(steps, ACCOUNT_BASIC, runs::steps)
        .get(steps + "/:Sid", ACCOUNT_BASIC, runs::step)
        .get(steps + "/:StepSid/Context", ACCOUNT_BASIC, runs::stepContext);

    // ---- Webchat 3's browser endpoints, Parley's guest close and widget look: a deployment key
    // ----
    table
        .post("/v2/Webchat/Init", DEPLOYMENT_KEY, webchat::init)
        .post("/v2/Webchat/Tokens/Refresh", DEPLOYMENT_KEY, webchat::refresh)
        .post(
            "/parley/v1/Webchat/Conversations/:ConversationSid/Close",
            DEPLOYMENT_KEY,
            webchat::close)
        .post(Webchat3Api.APPEARANCE, DEPLOYMENT_KEY, webchat::appearance)
        .post("/parley/v1/Webchat/Conversations/List", DEPLOYMENT_KEY, webchat::conversations)
        .post("/parley/v1/Webchat/Settings", DEPLOYMENT_KEY, webchat::settings);

    // ---- Accounts (2010-04-01) ----
    AccountsApi accounts = new AccountsApi(wiring.accounts());
    KeysApi keys = new KeysApi(wiring.apiKeys());
    table
        .post("/2010-04-01/Accounts.json", ACCOUNT_BASIC, accounts::create)
        .get("/2010-04-01/Accounts.json", ACCOUNT_BASIC, accounts::list)
        .get("/2010-04-01/Accounts/:Sid.json", ACCOUNT_BASIC, accounts::fetch)
        .post("/2010-04-01/Accounts/:Sid.json", ACCOUNT_BASIC, accounts::update)
        .post("/2010-04-01/Accounts/:AccountSid/Keys.json", ACCOUNT_BASIC, keys::create)
        .get("/2010-04-01/Accounts/:AccountSid/Keys.json", ACCOUNT_BASIC, keys::list)
        .get("/2010-04-01/Accounts/:AccountSid/Keys/:Sid.json", ACCOUNT_BASIC, keys::fetch)
        .post("/2010-04-01/Accounts/:AccountSid/Keys/:Sid.json", ACCOUNT_BASIC, keys::update)
        .delete("/2010-04-01/Accounts/:AccountSid/Keys/:Sid.json", ACCOUNT_BASIC, keys::delete);

    // ---- Parley's own (/parley/v1) ----
    WebchatDeploymentsApi deployments =
        new WebchatDeploymentsApi(wiring.webchatDeployments(), base);
    WebhookDeliveriesApi deliveries = new WebhookDeliveriesApi(wiring.deliveryHistory(), base);
    AgentsApi agentsApi = new AgentsApi(agents.agents(), base);
    CannedResponsesApi cannedApi = new CannedResponsesApi(agents.canned(), base);
    table
        .post("/parley/v1/WebchatDeployments", ACCOUNT_BASIC, deployments::create)
        .get("/parley/v1/WebchatDeployments", ACCOUNT_BASIC, deployments::list)
        .get("/parley/v1/WebchatDeployments/:Sid", ACCOUNT_BASIC, deployments::fetch)
        .post("/parley/v1/WebchatDeployments/:Sid", ACCOUNT_BASIC, deployments::update)
        .delete("/parley/v1/WebchatDeployments/:Sid", ACCOUNT_BASIC, deployments::delete)
        .post(
            "/parley/v1/WebchatDeployments/:Sid/IdentitySecret",
            ACCOUNT_BASIC,
            deployments::rotateIdentitySecret)
        .get("/parley/v1/Webhooks/Deliveries", ACCOUNT_BASIC, deliveries::list)
        .get("/parley/v1/Webhooks/Deliveries/:Sid", ACCOUNT_BASIC, deliveries::fetch)
        .post("/parley/v1/Webhooks/Deliveries/:Sid/Replay", ACCOUNT_BASIC, deliveries::replay)
        .post("/parley/v1/Agents", ACCOUNT_BASIC, agentsApi::create)
        .get("/parley/v1/Agents", ACCOUNT_BASIC, agentsApi::list)
        .get("/parley/v1/Agents/:Sid", ACCOUNT_BASIC, agentsApi::fetch)
        .post("/parley/v1/Agents/:Sid", ACCOUNT_BASIC, agentsApi::update)
        .delete("/parley/v1/Agents/:Sid", ACCOUNT_BASIC, agentsApi::delete)
        .post(CannedResponsesApi.PATH, ACCOUNT_BASIC, cannedApi::create)
        .get(CannedResponsesApi.PATH, ACCOUNT_BASIC, cannedApi::list)
        .get(CannedResponsesApi.PATH + "/:Sid", ACCOUNT_BASIC, cannedApi::fetch)
        .post(CannedResponsesApi.PATH + "/:Sid", ACCOUNT_BASIC, cannedApi::update)
        .delete(CannedResponsesApi.PATH + "/:Sid", ACCOUNT_BASIC, cannedApi::delete);

    // ---- The agent console's endpoints: the log-in is public, the rest need its session ----
    table
        .post("/console/login", PUBLIC, console::login)
        .post("/console/logout", CONSOLE_SESSION, console::logout)
        .get("/console/session", CONSOLE_SESSION, console::session)
        .post("/console/token", CONSOLE_SESSION, console::token)
        .get("/console/agents", CONSOLE_SESSION, console::agents)
        .get("/console/chats", CONSOLE_SESSION, console::lists)
        .get("/console/chats/:Sid", CONSOLE_SESSION, console::details)
        .get("/console/chats/:Sid/transcript", CONSOLE_SESSION, console::transcript)
        .get("/console/chats/:Sid/studio", CONSOLE_SESSION, console::studio)
        .post("/console/chats/:Sid/accept", CONSOLE_SESSION, console::accept)
        .post("/console/chats/:Sid/messages", CONSOLE_SESSION, console::send)
        .post("/console/chats/:Sid/transfer", CONSOLE_SESSION, console::transfer)
        .post("/console/chats/:Sid/close", CONSOLE_SESSION, console::close)
        .get("/console/canned-responses", CONSOLE_SESSION, console::cannedResponses)
        .post("/console/canned-responses", CONSOLE_SESSION, console::createCannedResponse)
        .post("/console/canned-responses/:Sid", CONSOLE_SESSION, console::updateCannedResponse)
        .delete("/console/canned-responses/:Sid", CONSOLE_SESSION, console::deleteCannedResponse);

    // ---- No route matched: the namespace's access is checked before the 404 or 405 ----
    table
        .unmatched("/v1/", ACCOUNT_BASIC)
        .unmatched("/v2/", ACCOUNT_BASIC)
        .unmatched("/2010-04-01/", ACCOUNT_BASIC)
        .unmatched("/parley/v1/", ACCOUNT_BASIC)
        .unmatched(Webchat3Api.PREFIX, DEPLOYMENT_KEY)
        .unmatched(Webchat3Api.PARLEY_PREFIX, DEPLOYMENT_KEY)
        .unmatched("/console/chats/", CONSOLE_SESSION)
        .unmatched("/console/canned-responses/", CONSOLE_SESSION);
    table.failures(Failures::handle);
    table.answerUnmatched(404, ctx -> Failures.byStatus(ctx, 404));
    table.answerUnmatched(405, ctx -> Failures.byStatus(ctx, 405));
    router.errorHandler(413, ctx -> Failures.byStatus(ctx, 413));
    return table;
  }

  private static CorsHandler openCors() {
    return CorsHandler.create()
        .addOrigin("*")
        .allowedMethods(
            Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(
            Set.of(
                "Content-Type",
                "Authorization",
                "Ui-Version",
                "X-Twilio-Webhook-Enabled",
                "I-Twilio-Idempotency-Token",
                TokenOrBasicAuth.HEADER));
  }

  /** {@code handler} for every path except those under {@code prefixes}, which pass straight on. */
  private static Handler<RoutingContext> except(
      List<String> prefixes, Handler<RoutingContext> handler) {
    return ctx -> {
      String path = ctx.normalizedPath();
      for (String prefix : prefixes) {
        if (path.startsWith(prefix)) {
          ctx.next();
          return;
        }
      }
      handler.handle(ctx);
    };
  }
}
