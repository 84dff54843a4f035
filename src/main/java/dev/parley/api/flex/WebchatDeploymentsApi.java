package dev.parley.api.flex;

import dev.parley.auth.AccessTokens;
import dev.parley.error.ApiException;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import dev.parley.webchat.AllowedOrigins;
import dev.parley.webchat.DeploymentRequest;
import dev.parley.webchat.WebchatDeployments;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;

/**
 * Parley's own {@code /parley/v1/WebchatDeployments}: the deployment keys of Webchat 3, managed
 * with account credentials like the Twilio APIs. Twilio manages them in its Console only.
 */
public final class WebchatDeploymentsApi {
  public static final String PATH = "/parley/v1/WebchatDeployments";
  private final WebchatDeployments deployments;
  private final PublicUrl base;

  public WebchatDeploymentsApi(WebchatDeployments deployments, PublicUrl base) {
    this.deployments = deployments;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("AddressSid");
    DeploymentRequest request = request(form, false);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx, 201, () -> WebchatDeploymentView.of(deployments.create(account, request), base));
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () -> WebchatDeploymentView.of(deployments.find(account, ctx.pathParam("Sid")), base));
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
                "webchat_deployments",
                deployments
                    .page(account, paging.request())
                    .map(d -> WebchatDeploymentView.of(d, base))));
  }

  public void update(RoutingContext ctx) {
    DeploymentRequest changes = request(Params.form(ctx), true);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () ->
            WebchatDeploymentView.of(
                deployments.update(account, ctx.pathParam("Sid"), changes), base));
  }

  public void delete(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> deployments.delete(account, ctx.pathParam("Sid")));
  }

  /** {@code AllowedOrigins} absent keeps the list; present (even one empty value) replaces it. */
  private static DeploymentRequest request(Params form, boolean update) {
    Integer ttl =
        form.integer(
            "TokenTtl",
            (int) WebchatDeployments.MIN_TOKEN_TTL.toSeconds(),
            (int) AccessTokens.MAX_LIFETIME.toSeconds());
    Boolean rotate = form.bool("RotateKey");
    if (rotate != null && !update) {
      throw ApiException.invalid("RotateKey", "applies to an existing deployment only");
    }
    return new DeploymentRequest(
        form.string("FriendlyName", 64),
        form.sid("AddressSid", SidPrefix.ADDRESS),
        form.has("AllowedOrigins")
            ? AllowedOrigins.parse("AllowedOrigins", form.strings("AllowedOrigins"))
            : null,
        ttl == null ? null : Duration.ofSeconds(ttl),
        Boolean.TRUE.equals(rotate),
        AppearanceParams.parse(form),
        form.has("PreEngagementFields"));
  }
}
