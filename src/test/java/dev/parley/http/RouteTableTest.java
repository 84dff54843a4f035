package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The table's own rules; RoutesTest checks the table Parley runs. */
class RouteTableTest {
  static final Vertx vertx = Vertx.vertx();
  static final Handler<RoutingContext> ADMIT = RoutingContext::next;

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Map<Access, Handler<RoutingContext>> everyGuard() {
    return Map.of(
        Access.ACCOUNT_BASIC,
        ADMIT,
        Access.DEPLOYMENT_KEY,
        ADMIT,
        Access.CONSOLE_SESSION,
        ADMIT,
        Access.ACCOUNT_BASIC_OR_ACCESS_TOKEN,
        ADMIT);
  }

  @Test
  void refuses_to_build_without_a_guard_for_each_guarded_access() {
    Router router = Router.router(vertx);

    assertThatThrownBy(() -> new RouteTable(router, Map.of(Access.ACCOUNT_BASIC, ADMIT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DEPLOYMENT_KEY");
  }

  @Test
  void refuses_a_guard_for_an_access_that_has_none() {
    Router router = Router.router(vertx);
    var guards = new java.util.HashMap<>(everyGuard());
    guards.put(Access.PUBLIC, ADMIT);

    assertThatThrownBy(() -> new RouteTable(router, guards))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PUBLIC");
  }

  @Test
  void declares_a_scoped_route_once_under_each_prefix_with_its_access() {
    Router router = Router.router(vertx);
    RouteTable table = new RouteTable(router, everyGuard());

    table
        .under(List.of("/v1", "/v1/Services/:ChatServiceSid"))
        .get("/Roles", Access.ACCOUNT_BASIC, ADMIT);

    assertThat(router.getRoutes())
        .extracting(Route::getPath)
        .containsExactly("/v1/Roles", "/v1/Services/:ChatServiceSid/Roles");
    assertThat(router.getRoutes())
        .allSatisfy(
            route ->
                assertThat((Object) route.getMetadata(RouteTable.ACCESS))
                    .isEqualTo(Access.ACCOUNT_BASIC));
  }
}
