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

    assertThatThrownBy(() -> new RouteTable(vertx, router, Map.of(Access.ACCOUNT_BASIC, ADMIT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DEPLOYMENT_KEY");
  }

  @Test
  void refuses_a_guard_for_an_access_that_has_none() {
    Router router = Router.router(vertx);
    var guards = new java.util.HashMap<>(everyGuard());
    guards.put(Access.PUBLIC, ADMIT);

    assertThatThrownBy(() -> new RouteTable(vertx, router, guards))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PUBLIC");
  }

  @Test
  void declares_a_scoped_route_once_under_each_prefix_with_its_access() {
    Router router = Router.router(vertx);
    RouteTable table = new RouteTable(vertx, router, everyGuard());

    table
        .under(List.of("/v1", "/v1/Services/:ChatServiceSid"))
        .get("/Roles", Access.ACCOUNT_BASIC, ADMIT);

    assertThat(RouteTable.routes(router))
        .extracting(Route::getName)
        .containsExactly("/v1/Roles", "/v1/Services/:ChatServiceSid/Roles");
    assertThat(RouteTable.routes(router))
        .allSatisfy(
            route ->
                assertThat((Object) route.getMetadata(RouteTable.ACCESS))
                    .isEqualTo(Access.ACCOUNT_BASIC));
  }

  @Test
  void
      a_path_that_starts_with_two_fixed_segments_is_declared_on_their_sub_router_by_its_whole_name() {
    Router router = Router.router(vertx);
    RouteTable table = new RouteTable(vertx, router, everyGuard());

    table
        .get("/v1/Conversations", Access.ACCOUNT_BASIC, ADMIT)
        .get("/v1/Conversations/:Sid", Access.ACCOUNT_BASIC, ADMIT)
        .post("/v1/Conversations/:Sid/Messages", Access.ACCOUNT_BASIC, ADMIT)
        .get("/v1/Users/:Sid", Access.ACCOUNT_BASIC, ADMIT)
        .get("/v1/Services/:ChatServiceSid/Users", Access.ACCOUNT_BASIC, ADMIT);

    assertThat(router.getRoutes())
        .extracting(route -> (Object) route.getMetadata(RouteTable.MOUNT))
        .containsExactly("/v1/Conversations", "/v1/Users", "/v1/Services");
    assertThat(RouteTable.routes(router))
        .extracting(Route::getName)
        .containsExactly(
            "/v1/Conversations",
            "/v1/Conversations/:Sid",
            "/v1/Conversations/:Sid/Messages",
            "/v1/Users/:Sid",
            "/v1/Services/:ChatServiceSid/Users");
  }

  @Test
  void routes_declared_after_an_edge_are_mounted_after_it() {
    Router router = Router.router(vertx);
    RouteTable table = new RouteTable(vertx, router, everyGuard());

    table.get("/v1/Services/:Sid/Media", Access.ACCOUNT_BASIC_OR_ACCESS_TOKEN, ADMIT);
    table.edge("body", ADMIT);
    table.get("/v1/Services/:Sid/Users", Access.ACCOUNT_BASIC, ADMIT);

    assertThat(router.getRoutes())
        .extracting(
            route -> route.getMetadata(RouteTable.MOUNT) + "/" + route.getMetadata(RouteTable.EDGE))
        .containsExactly("/v1/Services/null", "null/body", "/v1/Services/null");
  }

  @Test
  void only_paths_that_start_with_two_fixed_segments_are_mounted() {
    assertThat(RouteTable.mountPoint("/v1/Conversations/:Sid")).isEqualTo("/v1/Conversations");
    assertThat(RouteTable.mountPoint("/2010-04-01/Accounts/:Sid.json"))
        .isEqualTo("/2010-04-01/Accounts");
    assertThat(RouteTable.mountPoint("/v1/Conversations")).isEqualTo("/v1/Conversations");
    assertThat(RouteTable.mountPoint("/v1/:Kind/Items")).isNull();
    assertThat(RouteTable.mountPoint("/healthz")).isNull();
    assertThat(RouteTable.mountPoint("/console/")).isNull();
  }
}
