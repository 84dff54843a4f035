package dev.parley.api.studio;

import dev.parley.error.ApiException;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.studio.NewFlow;
import dev.parley.studio.StudioFlows;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Studio v2 {@code /v2/Flows}, its {@code Revisions} and {@code /v2/Flows/Validate}. */
public final class FlowsApi {
  private static final int MAX_TEST_USERS = 100;
  private static final Set<String> STATUSES = Set.of(StudioFlows.DRAFT, StudioFlows.PUBLISHED);
  private final StudioFlows flows;
  private final PublicUrl base;

  public FlowsApi(StudioFlows flows, PublicUrl base) {
    this.flows = flows;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    NewFlow request = complete(Params.form(ctx));
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(ctx, 201, () -> FlowView.of(flows.create(account, request), base));
  }

  public void validate(RoutingContext ctx) {
    NewFlow request = complete(Params.form(ctx));
    Replies.json(
        ctx,
        200,
        () -> {
          flows.validate(request);
          return Map.of("valid", true);
        });
  }

  public void fetch(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(ctx, 200, () -> FlowView.of(flows.find(account, ctx.pathParam("Sid")), base));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 1000);
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                "/v2/Flows",
                Map.of(),
                "flows",
                flows.page(account, paging.request()).map(f -> FlowView.of(f, base))));
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("Status");
    NewFlow changes = request(form);
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx, 200, () -> FlowView.of(flows.update(account, ctx.pathParam("Sid"), changes), base));
  }

  public void delete(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.noContent(ctx, () -> flows.delete(account, ctx.pathParam("Sid")));
  }

  public void revisions(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 1000);
    String account = BasicAuth.principal(ctx).accountSid();
    String sid = ctx.pathParam("Sid");
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                "/v2/Flows/" + sid + "/Revisions",
                Map.of(),
                "revisions",
                flows
                    .revisions(account, sid, paging.request())
                    .map(r -> FlowView.of(r, account, base))));
  }

  public void revision(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            FlowView.of(
                flows.revision(account, ctx.pathParam("Sid"), ctx.pathParam("Revision")),
                account,
                base));
  }

  public void testUsers(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    String sid = ctx.pathParam("Sid");
    Replies.json(ctx, 200, () -> testUsersView(sid, flows.testUsers(account, sid)));
  }

  /** Replaces the flow's test users with the {@code TestUsers} given (at least one). */
  public void setTestUsers(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("TestUsers");
    List<String> users = form.strings("TestUsers");
    if (users.size() > MAX_TEST_USERS
        || users.stream().anyMatch(u -> u.isEmpty() || u.length() > 256)) {
      throw ApiException.invalid(
          "TestUsers", "must be 1 to " + MAX_TEST_USERS + " identities of 1 to 256 characters");
    }
    String account = BasicAuth.principal(ctx).accountSid();
    String sid = ctx.pathParam("Sid");
    Replies.json(
        ctx, 200, () -> testUsersView(sid, flows.setTestUsers(account, sid, List.copyOf(users))));
  }

  private Map<String, Object> testUsersView(String sid, List<String> users) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("sid", sid);
    view.put("test_users", users);
    view.put("url", base.of("/v2/Flows/" + sid + "/TestUsers"));
    return view;
  }

  /** Create and Validate need all three of FriendlyName, Status and Definition. */
  private static NewFlow complete(Params form) {
    form.required("FriendlyName");
    form.required("Status");
    form.required("Definition");
    return request(form);
  }

  private static NewFlow request(Params form) {
    return new NewFlow(
        form.string("FriendlyName", 255),
        form.oneOf("Status", STATUSES),
        form.json("Definition"),
        form.string("CommitMessage", 1024));
  }
}
