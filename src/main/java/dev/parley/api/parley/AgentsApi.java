package dev.parley.api.parley;

import dev.parley.agents.AgentChanges;
import dev.parley.agents.AgentService;
import dev.parley.agents.NewAgent;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Parley's own {@code /parley/v1/Agents}: who may log into the agent console, managed with account
 * credentials like the Twilio APIs. {@code :Sid} is the agent's SID or identity.
 */
public final class AgentsApi {
  public static final String PATH = "/parley/v1/Agents";
  private final AgentService agents;
  private final PublicUrl base;

  public AgentsApi(Router router, AgentService agents, PublicUrl base) {
    this.agents = agents;
    this.base = base;
    router.post(PATH).handler(this::create);
    router.get(PATH).handler(this::list);
    router.get(PATH + "/:Sid").handler(this::fetch);
    router.post(PATH + "/:Sid").handler(this::update);
    router.delete(PATH + "/:Sid").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewAgent request =
        new NewAgent(
            form.required("Identity"), form.required("FriendlyName"), form.required("Password"));
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(ctx, 201, () -> AgentView.of(agents.create(account, request), base));
  }

  private void fetch(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(ctx, 200, () -> AgentView.of(agents.find(account, ctx.pathParam("Sid")), base));
  }

  private void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 1000);
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                PATH,
                Map.of(),
                "agents",
                agents.page(account, paging.request()).map(a -> AgentView.of(a, base))));
  }

  private void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    AgentChanges changes = new AgentChanges(form.string("FriendlyName"), form.string("Password"));
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx, 200, () -> AgentView.of(agents.update(account, ctx.pathParam("Sid"), changes), base));
  }

  private void delete(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.noContent(ctx, () -> agents.delete(account, ctx.pathParam("Sid")));
  }
}
