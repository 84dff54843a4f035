package dev.parley.api.accounts;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.parley.auth.AccountService;
import dev.parley.auth.AccountStatus;
import dev.parley.http.BasicAuth;
import dev.parley.http.Params;
import dev.parley.http.Replies;
import dev.parley.http.V2010Paging;
import dev.parley.store.AccountFilter;
import dev.parley.store.AccountRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /2010-04-01/Accounts.json} and {@code /2010-04-01/Accounts/{Sid}.json}: the caller's
 * account and its sub-accounts. The paths end in {@code .json} exactly as twilio-java builds them.
 */
public final class AccountsApi {
  static final Set<String> STATUSES = Set.of("active", "suspended", "closed");
  private static final int MAX_NAME = 64;
  private final AccountService accounts;

  public AccountsApi(Router router, AccountService accounts) {
    this.accounts = accounts;
    router.route(POST, "/2010-04-01/Accounts.json").handler(this::create);
    router.route(GET, "/2010-04-01/Accounts.json").handler(this::list);
    router.route(GET, "/2010-04-01/Accounts/:Sid.json").handler(this::fetch);
    router.route(POST, "/2010-04-01/Accounts/:Sid.json").handler(this::update);
  }

  private void create(RoutingContext ctx) {
    String friendlyName = Params.form(ctx).string("FriendlyName", MAX_NAME);
    Replies.json(
        ctx, 201, () -> view(accounts.createSubaccount(BasicAuth.principal(ctx), friendlyName)));
  }

  private void fetch(RoutingContext ctx) {
    Replies.json(
        ctx, 200, () -> view(accounts.find(BasicAuth.principal(ctx), ctx.pathParam("Sid"))));
  }

  private void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    AccountFilter filter =
        new AccountFilter(query.string("FriendlyName"), query.oneOf("Status", STATUSES));
    V2010Paging paging = V2010Paging.parse(query);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("FriendlyName", filter.friendlyName());
    echo.put("Status", filter.status());
    Replies.json(
        ctx,
        200,
        () -> {
          var slice =
              accounts.page(BasicAuth.principal(ctx), filter, paging.request()).map(this::view);
          return paging.reply("/2010-04-01/Accounts.json", echo, "accounts", slice);
        });
  }

  private void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    String friendlyName = form.string("FriendlyName", MAX_NAME);
    String status = form.oneOf("Status", STATUSES);
    Replies.json(
        ctx,
        200,
        () ->
            view(
                accounts.update(
                    BasicAuth.principal(ctx),
                    ctx.pathParam("Sid"),
                    friendlyName,
                    status == null ? null : AccountStatus.fromWire(status))));
  }

  private AccountView view(AccountRecord account) {
    return AccountView.of(account, accounts.authToken(account));
  }
}
