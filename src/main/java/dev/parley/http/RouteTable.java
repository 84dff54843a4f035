package dev.parley.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * <p>Vert.x tries a router's routes one by one, each path with parameters by its regular
 * expression, so a request at the end of a flat table of a hundred routes pays for all the ones
 * before it. A path of more than two segments that starts with two fixed ones ({@code
 * /v1/Conversations/:Sid}) is therefore declared on a sub-router mounted at those two ({@code
 * /v1/Conversations/*}, marked {@link #MOUNT}), one per pair and per stretch between two {@link
 * #edge}s: a request meets the top-level paths (compared as text) and one mount point per pair,
 * then only the routes of its own pair. The order that decides a match is kept: routes of one pair
 * keep their declaration order within it, and two pairs share no path. Each such route is named by
 * its whole path, so metrics and listings show {@code /v1/Conversations/:Sid} as before.
 */
public final class RouteTable {
  /** Route metadata: the {@link Access} of a declared route. */
  public static final String ACCESS = "parley.access";

  /** Route metadata: the label of a path-less plumbing route. */
  public static final String EDGE = "parley.edge";

  /** Route metadata: the two fixed segments a sub-router of declared routes is mounted at. */
  public static final String MOUNT = "parley.mount";

  private static final String GUARDED = "parley.unmatched.guarded";

  /** A path parameter, named as Vert.x allows ({@code :ChatServiceSid}). */
  private static final Pattern PARAMETER = Pattern.compile(":([A-Za-z0-9_]+)");

  /**
   * The characters of a path that are operators in a regular expression, as Vert.x escapes them.
   */
  private static final Pattern OPERATORS = Pattern.compile("([\\(\\)\\$\\+\\.])");

  /** The path a sub-router sees for a request of its mount point itself. */
  private static final String BARE = "^/?$";

  private final Shared shared;
  private final List<String> prefixes;

  private static final class Shared {
    final Vertx vertx;
    final Router router;
    final Map<Access, Handler<RoutingContext>> guards;
    final TreeMap<String, Access> unmatched;

    /** The sub-router of each two-segment prefix since the last edge; a new edge starts afresh. */
    final Map<String, Router> mounted = new HashMap<>();

    Shared(
        Vertx vertx,
        Router router,
        Map<Access, Handler<RoutingContext>> guards,
        TreeMap<String, Access> unmatched) {
      this.vertx = vertx;
      this.router = router;
      this.guards = guards;
      this.unmatched = unmatched;
    }
  }

  /**
   * {@code guards} holds the handler for each access that {@link Access#guarded() is guarded}; each
   * calls {@code ctx.next()} to admit a request and answers the refusal itself.
   */
  public RouteTable(Vertx vertx, Router router, Map<Access, Handler<RoutingContext>> guards) {
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
    this.shared = new Shared(vertx, router, all, unmatched);
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
    // It may match paths of any pair: the routes declared after it must be tried after it.
    shared.mounted.clear();
    return this;
  }

  /**
   * Plumbing every request passes through, in declaration order (request ids, CORS, the body):
   * {@code handler} calls {@code ctx.next()} unless it answers a malformed request itself.
   */
  public RouteTable edge(String label, Handler<RoutingContext> handler) {
    // Routes declared after an edge must meet it first: they go on new sub-routers, mounted after.
    shared.mounted.clear();
    shared.router.route().putMetadata(EDGE, label).handler(handler);
    return this;
  }

  /** The handler of a failed request ({@code ctx.fail}), whichever route failed it. */
  public RouteTable failures(Handler<RoutingContext> handler) {
    shared.mounted.clear();
    shared.router.route().putMetadata(EDGE, "failures").failureHandler(handler);
    return this;
  }

  /**
   * Every route of {@code router} that serves requests, the routes of its sub-routers in place of
   * their mount points, in the order Vert.x tries them.
   */
  public static List<Route> routes(Router router) {
    List<Route> all = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      if (route.getSubRouter() != null) {
        all.addAll(routes(route.getSubRouter()));
      } else {
        all.add(route);
      }
    }
    return all;
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
      String full = prefix + path;
      String mount = mountPoint(full);
      Route route;
      if (mount == null) {
        route = route(shared.router, method, full);
        int first = full.indexOf('/', 1);
        if (first > 0 && first < full.length() - 1) {
          // A parameter in its first two segments: it may match paths of any pair, so the routes
          // declared after it must be tried after it.
          shared.mounted.clear();
        }
      } else {
        Router sub = mounted(mount);
        String rest = full.substring(mount.length());
        // The pair's own path ({@code /v1/Conversations}, with or without a final slash, as on the
        // top-level router) is what remains of it on the sub-router: nothing or "/".
        route =
            rest.isEmpty()
                ? (method == null ? sub.routeWithRegex(BARE) : sub.routeWithRegex(method, BARE))
                : route(sub, method, rest);
      }
      guard(route.setName(full), access).handler(handler);
    }
    return this;
  }

  /**
   * A route for {@code path} on {@code router}: a fixed path as Vert.x declares it; a path with
   * parameters by the regular expression Vert.x would make of it, {@code :Name} as a named group of
   * one segment, but possessive ({@code [^/]++}): a path that fails the text after a parameter
   * fails at once, where Vert.x's {@code [^/]+} gives back a 34-character SID one character at a
   * time first. Same groups, so the same path parameters.
   */
  private static Route route(Router router, HttpMethod method, String path) {
    if (path.indexOf(':') < 0) {
      return method == null ? router.route(path) : router.route(method, path);
    }
    String escaped = OPERATORS.matcher(path).replaceAll("\\\\$1");
    Matcher param = PARAMETER.matcher(escaped);
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    while (param.find()) {
      // A whole segment cannot give back; one followed by more text (":Sid.json") must.
      boolean whole = param.end() == escaped.length() || escaped.charAt(param.end()) == '/';
      param.appendReplacement(regex, "(?<p" + names.size() + ">[^/]+" + (whole ? "+)" : ")"));
      names.add(param.group(1));
    }
    param.appendTail(regex);
    if (path.charAt(path.length() - 1) != '/') {
      regex.append("/?");
    }
    Route route =
        method == null
            ? router.routeWithRegex(regex.toString())
            : router.routeWithRegex(method, regex.toString());
    return route.setRegexGroupsNames(names);
  }

  /**
   * The two fixed segments {@code path} is declared under ({@code /v1/Conversations} for {@code
   * /v1/Conversations} and {@code /v1/Conversations/:Sid/Messages}), or null for a path of one
   * segment or with a parameter in either: those stay on the top-level router.
   */
  static String mountPoint(String path) {
    int first = path.indexOf('/', 1);
    if (first < 0 || first == path.length() - 1) {
      return null;
    }
    int second = path.indexOf('/', first + 1);
    String mount = second < 0 ? path : path.substring(0, second);
    return mount.indexOf(':') < 0 && mount.indexOf('*') < 0 ? mount : null;
  }

  private Router mounted(String mount) {
    return shared.mounted.computeIfAbsent(
        mount,
        m -> {
          Router sub = Router.router(shared.vertx);
          shared.router.route(m + "/*").setName(m + "/*").putMetadata(MOUNT, m).subRouter(sub);
          return sub;
        });
  }

  private Route guard(Route route, Access access) {
    route.putMetadata(ACCESS, access);
    Handler<RoutingContext> guard = shared.guards.get(access);
    return guard == null ? route : route.handler(guard);
  }
}
