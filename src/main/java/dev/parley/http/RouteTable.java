package dev.parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Declares routes on a Vert.x {@link Router}, each with the {@link Access} that guards it, in the
 * style of Javalin's {@code ApiBuilder}: {@code table.post("/v1/Services", ACCOUNT_BASIC,
 * services::create)}. A guarded route runs its access's guard, then its handler, on one Vert.x
 * route that carries the access as metadata ({@link #ACCESS}), so a test can list the running
 * router and find any route without one. Path-less plumbing is declared with {@link #edge} and
 * marked {@link #EDGE}.
 *
 * <p>A request no route matches answers 404 or 405, but under a namespace declared with {@link
 * #unmatched} it meets that namespace's guard first: an unauthenticated caller learns nothing about
 * which paths exist, as with Twilio, which answers 401 before 404.
 */
public final class RouteTable {
  /** Route metadata: the {@link Access} of a declared route. */
  public static final String ACCESS = "parley.access";

  /** Route metadata: the label of a path-less plumbing route. */
  public static final String EDGE = "parley.edge";

  private static final String GUARDED = "parley.unmatched.guarded";

  private final Shared shared;
  private final List<String> prefixes;

  private record Shared(
      Router router,
      Map<Access, Handler<RoutingContext>> guards,
      TreeMap<String, Access> unmatched) {}

  /**
   * {@code guards} holds the handler for each access that {@link Access#guarded() is guarded}; each
   * calls {@code ctx.next()} to admit a request and answers the refusal itself.
   */
  public RouteTable(Router router, Map<Access, Handler<RoutingContext>> guards) {
    Map<Access, Handler<RoutingContext>> all = new EnumMap<>(Access.class);
    all.putAll(guards);
    for (Access access : Access.values()) {
      if (access.guarded() != all.containsKey(access)) {
        throw new IllegalArgumentException(
            access + (access.guarded() ? " needs a guard" : " takes no guard"));
      }
    }
    // Longest prefix first, so /v2/Webchat/ wins over /v2/.
    TreeMap<String, Access> unmatched =
        new TreeMap<>(Comparator.comparing(String::length).reversed().thenComparing(p -> p));
    this.shared = new Shared(router, all, unmatched);
    this.prefixes = List.of("");
  }

  private RouteTable(Shared shared, List<String> prefixes) {
    this.shared = shared;
    this.prefixes = prefixes;
  }

  /** A view that declares each route once under each of {@code prefixes}. */
  public RouteTable under(List<String> prefixes) {
    List<String> joined = new ArrayList<>();
    for (String outer : this.prefixes) {
      for (String inner : prefixes) {
        joined.add(outer + inner);
      }
    }
    return new RouteTable(shared, List.copyOf(joined));
  }

  public RouteTable get(String path, Access access, Handler<RoutingContext> handler) {
    return declare(HttpMethod.GET, path, access, handler);
  }

  public RouteTable post(String path, Access access, Handler<RoutingContext> handler) {
    return declare(HttpMethod.POST, path, access, handler);
  }

  public RouteTable delete(String path, Access access, Handler<RoutingContext> handler) {
    return declare(HttpMethod.DELETE, path, access, handler);
  }

  /** A route for every method; the handler answers the methods it does not take. */
  public RouteTable any(String path, Access access, Handler<RoutingContext> handler) {
    return declare(null, path, access, handler);
  }

  /** A route for every method on the paths {@code regex} matches. */
  public RouteTable anyMatching(String regex, Access access, Handler<RoutingContext> handler) {
    for (String prefix : prefixes) {
      guard(shared.router.routeWithRegex(prefix + regex), access).handler(handler);
    }
    return this;
  }

  /**
   * Plumbing every request passes through, in declaration order (request ids, CORS, the body):
   * {@code handler} calls {@code ctx.next()} unless it answers a malformed request itself.
   */
  public RouteTable edge(String label, Handler<RoutingContext> handler) {
    shared.router.route().putMetadata(EDGE, label).handler(handler);
    return this;
  }

  /** The handler of a failed request ({@code ctx.fail}), whichever route failed it. */
  public RouteTable failures(Handler<RoutingContext> handler) {
    shared.router.route().putMetadata(EDGE, "failures").failureHandler(handler);
    return this;
  }

  /**
   * A request under {@code prefix} that no route matches is checked for {@code access} before it is
   * answered 404 or 405; {@code answer} then renders the status.
   */
  public RouteTable unmatched(String prefix, Access access) {
    shared.unmatched.put(prefix, access);
    return this;
  }

  /** Answers unmatched requests: {@code answer} renders the 404 or 405 once the guard admits. */
  public void answerUnmatched(int status, Handler<RoutingContext> answer) {
    shared.router.errorHandler(
        status,
        ctx -> {
          Handler<RoutingContext> guard = unmatchedGuard(ctx.normalizedPath());
          if (guard == null || ctx.get(GUARDED) != null) {
            answer.handle(ctx);
            return;
          }
          // The guard admits with ctx.next(): no route is left, so Vert.x calls this again.
          ctx.put(GUARDED, Boolean.TRUE);
          guard.handle(ctx);
        });
  }

  /** The prefixes declared with {@link #unmatched}, longest first, with their access. */
  public Map<String, Access> unmatched() {
    return Map.copyOf(shared.unmatched);
  }

  private Handler<RoutingContext> unmatchedGuard(String path) {
    for (Map.Entry<String, Access> namespace : shared.unmatched.entrySet()) {
      if (path.startsWith(namespace.getKey())) {
        return shared.guards.get(namespace.getValue());
      }
    }
    return null;
  }

  private RouteTable declare(
      HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    for (String prefix : prefixes) {
      Route route =
          method == null
              ? shared.router.route(prefix + path)
              : shared.router.route(method, prefix + path);
      guard(route, access).handler(handler);
    }
    return this;
  }

  private Route guard(Route route, Access access) {
    route.putMetadata(ACCESS, access);
    Handler<RoutingContext> guard = shared.guards.get(access);
    return guard == null ? route : route.handler(guard);
  }
}
