package dev.parley.api.parley;

import dev.parley.agents.AgentChanges;
import dev.parley.agents.AgentService;
import dev.parley.agents.NewAgent;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
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

  public AgentsApi(AgentService agents, PublicUrl base) {
    this.agents = agents;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewAgent request =
        new NewAgent(
            form.required("Identity"), form.required("FriendlyName"), form.required("Password"));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 201, () -> AgentView.of(agents.create(account, request), base));
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> AgentView.of(agents.find(account, ctx.pathParam("Sid")), base));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 1000);
    AccountSid account = BasicAuth.principal(ctx).account();
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

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    AgentChanges changes = new AgentChanges(form.string("FriendlyName"), form.string("Password"));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx, 200, () -> AgentView.of(agents.update(account, ctx.pathParam("Sid"), changes), base));
  }

  public void delete(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> agents.delete(account, ctx.pathParam("Sid")));
  }
}
