package dev.parley.api.studio;

import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.studio.NewExecution;
import dev.parley.studio.StudioExecutions;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Studio v2 {@code /v2/Flows/{FlowSid}/Executions}, their {@code Context} and {@code Steps}. */
public final class ExecutionsApi {
  private final StudioExecutions executions;
  private final PublicUrl base;

  public ExecutionsApi(StudioExecutions executions, PublicUrl base) {
    this.executions = executions;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewExecution request =
        new NewExecution(
            form.required("To", 256), form.required("From", 256), form.json("Parameters"));
    String account = BasicAuth.principal(ctx).accountSid();
    String flow = ctx.pathParam("FlowSid");
    Replies.json(ctx, 201, () -> ExecutionView.of(executions.create(account, flow, request), base));
  }

  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    Instant from = query.date("DateCreatedFrom");
    Instant to = query.date("DateCreatedTo");
    Paging paging = Paging.parse(query, 50, 1000);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("DateCreatedFrom", query.string("DateCreatedFrom"));
    echo.put("DateCreatedTo", query.string("DateCreatedTo"));
    String account = BasicAuth.principal(ctx).accountSid();
    String flow = ctx.pathParam("FlowSid");
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                "/v2/Flows/" + flow + "/Executions",
                echo,
                "executions",
                executions
                    .page(account, flow, from, to, paging.request())
                    .map(e -> ExecutionView.of(e, base))));
  }

  public void fetch(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            ExecutionView.of(
                executions.find(account, ctx.pathParam("FlowSid"), ctx.pathParam("Sid")), base));
  }

  /** Twilio's only update: {@code Status=ended}. */
  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("Status");
    form.oneOf("Status", Set.of("ended"));
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            ExecutionView.of(
                executions.end(account, ctx.pathParam("FlowSid"), ctx.pathParam("Sid")), base));
  }

  public void delete(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.noContent(
        ctx, () -> executions.delete(account, ctx.pathParam("FlowSid"), ctx.pathParam("Sid")));
  }

  public void context(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            ExecutionView.context(
                executions.find(account, ctx.pathParam("FlowSid"), ctx.pathParam("ExecutionSid")),
                base));
  }

  public void steps(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 1000);
    String account = BasicAuth.principal(ctx).accountSid();
    String flow = ctx.pathParam("FlowSid");
    String execution = ctx.pathParam("ExecutionSid");
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                "/v2/Flows/" + flow + "/Executions/" + execution + "/Steps",
                Map.of(),
                "steps",
                executions
                    .steps(account, flow, execution, paging.request())
                    .map(s -> ExecutionView.of(s, account, flow, base))));
  }

  public void step(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    String flow = ctx.pathParam("FlowSid");
    Replies.json(
        ctx,
        200,
        () ->
            ExecutionView.of(
                executions.step(account, flow, ctx.pathParam("ExecutionSid"), ctx.pathParam("Sid")),
                account,
                flow,
                base));
  }

  public void stepContext(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    String flow = ctx.pathParam("FlowSid");
    Replies.json(
        ctx,
        200,
        () ->
            ExecutionView.context(
                executions.step(
                    account, flow, ctx.pathParam("ExecutionSid"), ctx.pathParam("StepSid")),
                account,
                flow,
                base));
  }
}
