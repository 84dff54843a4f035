package dev.parley.api.accounts;

import dev.parley.auth.AccountService;
import dev.parley.auth.AccountStatus;
import dev.parley.http.BasicAuth;
import dev.parley.http.Params;
import dev.parley.http.Replies;
import dev.parley.http.V2010Paging;
import dev.parley.store.AccountFilter;
import dev.parley.store.AccountRecord;
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

  public AccountsApi(AccountService accounts) {
    this.accounts = accounts;
  }

  public void create(RoutingContext ctx) {
    String friendlyName = Params.form(ctx).string("FriendlyName", MAX_NAME);
    Replies.json(
        ctx, 201, () -> view(accounts.createSubaccount(BasicAuth.principal(ctx), friendlyName)));
  }

  public void fetch(RoutingContext ctx) {
    Replies.json(
        ctx, 200, () -> view(accounts.find(BasicAuth.principal(ctx), ctx.pathParam("Sid"))));
  }

  public void list(RoutingContext ctx) {
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

  public void update(RoutingContext ctx) {
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
