package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.http.Access;
import dev.parley.http.RouteTable;
import dev.parley.realtime.TunnelRouter;
import dev.parley.realtime.TwilsockProtocol;
import dev.parley.testing.ParleyServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The running router, built by the same {@link Routes} as {@code main}: every route declares its
 * access, the list matches {@code routes.golden} (regenerate it with {@code
 * -Dparley.routes.update=true}, see docs/routes.md), and every guarded route refuses a request
 * without its credential.
 */
class RoutesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final Path GOLDEN = Path.of("src/test/resources/routes.golden");
  private static final String DUMMY_SID = "XX00000000000000000000000000000000";

  /** One declared route per method, e.g. {@code POST ACCOUNT_BASIC /v1/Conversations}. */
  record Declared(String method, String path, Access access) {
    String line() {
      return String.format("%-7s %-16s %s", method, access, path);
    }

    /** The path with a dummy SID for each parameter. */
    String concrete() {
      return path.replaceAll(":\\w+", DUMMY_SID);
    }
  }

  @Test
  void every_route_declares_its_access_or_is_path_less_plumbing() {
    List<String> undeclared = new ArrayList<>();

    for (Route route : RouteTable.routes(server.parley().router())) {
      boolean edge = route.getMetadata(RouteTable.EDGE) != null;
      boolean declared = route.getMetadata(RouteTable.ACCESS) instanceof Access;
      boolean pathLess = route.getName() == null && route.methods() == null;
      if (!(declared || (edge && pathLess))) {
        undeclared.add(route.methods() + " " + route.getName());
      }
    }

    assertThat(undeclared).as("routes without an access policy").isEmpty();
  }

  @Test
  void every_tunnelled_route_declares_the_sessions_access_token() {
    List<TunnelRouter.Declared> tunnelled = server.parley().tunnel().routes();

    assertThat(tunnelled).isNotEmpty();
    assertThat(tunnelled)
        .as("tunnelled routes run inside a Twilsock session, behind its access token")
        .allSatisfy(route -> assertThat(route.access()).isEqualTo(Access.ACCESS_TOKEN));
  }

  @Test
  void the_route_list_matches_the_golden_file() throws IOException {
    String actual = golden();

    if (Boolean.getBoolean("parley.routes.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }

    assertThat(actual)
        .as("routes changed: review, then rerun with -Dparley.routes.update=true")
        .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void every_account_route_refuses_a_request_without_credentials() {
    refusedUnauthenticated(Access.ACCOUNT_BASIC);
  }

  @Test
  void every_media_route_refuses_a_request_without_a_token_or_credentials() {
    refusedUnauthenticated(Access.ACCOUNT_BASIC_OR_ACCESS_TOKEN);
  }

  @Test
  void every_console_route_but_the_login_refuses_a_request_without_a_session() {
    refusedUnauthenticated(Access.CONSOLE_SESSION);
  }

  /** Every route of {@code access}, called with nothing that admits it: 401, code 20003. */
  private static void refusedUnauthenticated(Access access) {
    for (Declared route : declared(access)) {
      server
          .unchecked()
          .request(route.method(), route.concrete())
          .then()
          .statusCode(401)
          .body("code", equalTo(20003));
    }
  }

  @Test
  void every_webchat_route_refuses_a_request_without_a_deployment_key() {
    for (Declared route : declared(Access.DEPLOYMENT_KEY)) {
      server
          .unchecked()
          .request(route.method(), route.concrete())
          .then()
          .statusCode(400)
          .body("message", containsString("DeploymentKey"));
    }
  }

  @Test
  void an_unknown_path_in_an_account_namespace_asks_for_credentials_before_saying_not_found() {
    for (Map.Entry<String, Access> namespace : server.parley().routes().unmatched().entrySet()) {
      if (namespace.getValue() == Access.ACCOUNT_BASIC) {
        server
            .unchecked()
            .get(namespace.getKey() + "NoSuchThing")
            .then()
            .statusCode(401)
            .body("code", equalTo(20003));
      }
    }
  }

  @Test
  void a_method_a_resource_does_not_have_asks_for_credentials_before_saying_not_allowed() {
    server.unchecked().put("/v1/Conversations").then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void every_route_is_reached_by_a_request_for_its_path_and_method() {
    List<Declared> routes = declared();
    for (Declared route : routes) {
      String method = route.method().equals("*") ? "GET" : route.method();
      server.unchecked().request(method, route.concrete());
    }

    String metrics = server.unchecked().get("/metrics").then().statusCode(200).extract().asString();

    // The route label is the pattern Vert.x matched, set before its guard ran: a route shadowed by
    // another, or on a sub-router no request reaches, never shows.
    assertThat(routes)
        .allSatisfy(
            route ->
                assertThat(metrics)
                    .as("%s %s reached", route.method(), route.path())
                    .contains(
                        "method=\""
                            + (route.method().equals("*") ? "GET" : route.method())
                            + "\",route=\""
                            + route.path()
                            + "\""));
  }

  @Test
  void an_unknown_path_under_a_mounted_prefix_asks_for_credentials_then_is_not_found() {
    String unknown = "/v1/Conversations/" + DUMMY_SID + "/NoSuchThing";

    server.unchecked().get(unknown).then().statusCode(401).body("code", equalTo(20003));
    withCredentials().get(unknown).then().statusCode(404).body("code", equalTo(20404));
  }

  @Test
  void a_method_a_mounted_resource_does_not_have_asks_for_credentials_then_is_not_allowed() {
    String messages = "/v1/Services/" + DUMMY_SID + "/Conversations/" + DUMMY_SID + "/Messages";

    server.unchecked().put(messages).then().statusCode(401).body("code", equalTo(20003));
    withCredentials().put(messages).then().statusCode(405).body("code", equalTo(20004));
  }

  @Test
  void the_console_page_answers_with_or_without_a_final_slash() {
    // One route serves both: Vert.x ignores a final slash when it compares a fixed path.
    server.unchecked().get("/console").then().statusCode(200);
    server.unchecked().get("/console/").then().statusCode(200);
  }

  private static io.restassured.specification.RequestSpecification withCredentials() {
    return server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);
  }

  @Test
  void an_unknown_path_with_credentials_is_not_found() {
    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .get("/parley/v1/NoSuchThing")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  private static List<Declared> declared(Access access) {
    return declared().stream()
        .filter(r -> r.access() == access && !r.method().equals("*"))
        .toList();
  }

  private static List<Declared> declared() {
    List<Declared> all = new ArrayList<>();
    for (Route route : RouteTable.routes(server.parley().router())) {
      if (route.getMetadata(RouteTable.ACCESS) instanceof Access access) {
        if (route.methods() == null) {
          all.add(new Declared("*", route.getName(), access));
        } else {
          for (HttpMethod method : route.methods()) {
            all.add(new Declared(method.name(), route.getName(), access));
          }
        }
      }
    }
    return all;
  }

  private static String golden() {
    StringBuilder out = new StringBuilder();
    out.append("# Every route of the running router with its access (docs/routes.md).\n");
    out.append("# Regenerate: mvn -o test -Dtest=RoutesTest -Dparley.routes.update=true\n");
    out.append("#\n# Edge: path-less plumbing, in the order requests meet it.\n");
    for (Route route : server.parley().router().getRoutes()) {
      Object edge = route.getMetadata(RouteTable.EDGE);
      if (edge != null) {
        out.append("edge    ").append(edge).append('\n');
      }
    }
    out.append("#\n# Routes, by path.\n");
    declared().stream()
        .sorted(Comparator.comparing(Declared::path).thenComparing(Declared::method))
        .forEach(route -> out.append(route.line()).append('\n'));
    out.append("#\n# Tunnelled in the Twilsock connection (").append(TwilsockProtocol.PATH);
    out.append("), by path; {name} is one segment.\n");
    server.parley().tunnel().routes().stream()
        .sorted(
            Comparator.comparing(TunnelRouter.Declared::template)
                .thenComparing(TunnelRouter.Declared::method))
        .forEach(
            route ->
                out.append(new Declared(route.method(), route.template(), route.access()).line())
                    .append('\n'));
    out.append(
        "#\n# A request no route matches meets its namespace's access before the 404/405.\n");
    server.parley().routes().unmatched().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            namespace ->
                out.append(new Declared("-", namespace.getKey() + "*", namespace.getValue()).line())
                    .append('\n'));
    return out.toString();
  }
}
