package dev.parley.realtime;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes tunnelled requests by method and path template ({@code /Services/{service}/Typing}); each
 * {@code {name}} matches one path segment, handed to the handler in order. Every route names its
 * {@link Access}, as the HTTP route table's do: {@code app/TunnelRoutes} declares them all, and
 * RoutesTest lists them ({@link #routes}) in {@code routes.golden}.
 */
public final class TunnelRouter {
  /** Answers one route's requests; {@code path} holds the template's segments in order. */
  @FunctionalInterface
  public interface Handler {
    UpstreamResponse handle(Session session, UpstreamRequest request, List<String> path);
  }

  /** A declared route: its method, path template and access. */
  public record Declared(String method, String template, Access access) {}

  private record Route(Declared declared, Pattern pattern, Handler handler) {
    String method() {
      return declared.method();
    }
  }

  private final List<Route> routes = new ArrayList<>();

  public TunnelRouter get(String template, Access access, Handler handler) {
    return add("GET", template, access, handler);
  }

  public TunnelRouter post(String template, Access access, Handler handler) {
    return add("POST", template, access, handler);
  }

  public TunnelRouter delete(String template, Access access, Handler handler) {
    return add("DELETE", template, access, handler);
  }

  private TunnelRouter add(String method, String template, Access access, Handler handler) {
    Objects.requireNonNull(access, () -> method + " " + template + " declares no access");
    String regex = Pattern.quote(template).replaceAll("\\{[a-zA-Z]+}", "\\\\E([^/]+)\\\\Q");
    routes.add(new Route(new Declared(method, template, access), Pattern.compile(regex), handler));
    return this;
  }

  /** Every route, in declaration order (the order they are tried). */
  public List<Declared> routes() {
    return routes.stream().map(Route::declared).toList();
  }

  /** Whether some route has this path, whatever its method. */
  public boolean serves(String path) {
    return routes.stream().anyMatch(r -> r.pattern().matcher(path).matches());
  }

  public UpstreamResponse route(Session session, UpstreamRequest request) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.pattern().matcher(request.path());
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(request.method())) {
        List<String> segments = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
          segments.add(m.group(i));
        }
        return route.handler().handle(session, request, segments);
      }
    }
    if (pathKnown) {
      throw new ApiException(TwilioError.METHOD_NOT_ALLOWED, request.method(), request.path());
    }
    throw new ApiException(TwilioError.NOT_FOUND, request.path());
  }
}
