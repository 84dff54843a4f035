package dev.parley.api.flex;

import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import dev.parley.webchat.FlexFlowRequest;
import dev.parley.webchat.FlexFlowService;
import dev.parley.webchat.FlexIntegration;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Flex v1 {@code /v1/FlexFlows}: the legacy configuration behind {@code /v1/WebChannels}. */
public final class FlexFlowsApi {
  private static final Set<String> CHANNEL_TYPES =
      Set.of("web", "sms", "facebook", "whatsapp", "line", "custom");
  private static final Set<String> INTEGRATION_TYPES = Set.of("studio", "external", "task");
  private final FlexFlowService flows;
  private final PublicUrl base;

  public FlexFlowsApi(FlexFlowService flows, PublicUrl base) {
    this.flows = flows;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("FriendlyName");
    form.required("ChatServiceSid");
    form.required("ChannelType");
    FlexFlowRequest request = request(form);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 201, () -> FlexFlowView.of(flows.create(account, request), base));
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> FlexFlowView.of(flows.find(account, ctx.pathParam("Sid")), base));
  }

  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    String friendlyName = query.string("FriendlyName");
    Paging paging = Paging.parse(query, 50, 1000);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("FriendlyName", friendlyName);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                "/v1/FlexFlows",
                echo,
                "flex_flows",
                flows
                    .page(account, friendlyName, paging.request())
                    .map(f -> FlexFlowView.of(f, base))));
  }

  public void update(RoutingContext ctx) {
    FlexFlowRequest changes = request(Params.form(ctx));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () -> FlexFlowView.of(flows.update(account, ctx.pathParam("Sid"), changes), base));
  }

  public void delete(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> flows.delete(account, ctx.pathParam("Sid")));
  }

  private static FlexFlowRequest request(Params form) {
    FlexIntegration integration =
        new FlexIntegration(
            form.sid("Integration.FlowSid", SidPrefix.STUDIO_FLOW),
            form.url("Integration.Url"),
            form.string("Integration.WorkspaceSid", 34),
            form.string("Integration.WorkflowSid", 34),
            form.string("Integration.Channel", 64),
            form.integer("Integration.Timeout", 0, Integer.MAX_VALUE),
            form.integer("Integration.Priority", 0, Integer.MAX_VALUE),
            form.bool("Integration.CreationOnMessage"),
            form.integer("Integration.RetryCount", 0, 3));
    return new FlexFlowRequest(
        form.string("FriendlyName", 64),
        form.sid("ChatServiceSid", SidPrefix.SERVICE),
        form.oneOf("ChannelType", CHANNEL_TYPES),
        form.string("ContactIdentity", 256),
        form.bool("Enabled"),
        form.oneOf("IntegrationType", INTEGRATION_TYPES),
        integration.equals(FlexIntegration.NONE) ? null : integration,
        form.bool("LongLived"),
        form.bool("JanitorEnabled"));
  }
}
