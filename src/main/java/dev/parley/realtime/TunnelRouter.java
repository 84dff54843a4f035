package dev.parley.realtime;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes tunnelled requests by method and path template ({@code /Services/{service}/Typing}); each
 * {@code {name}} matches one path segment, handed to the handler in order.
 */
public final class TunnelRouter {
  /** Answers one route's requests; {@code path} holds the template's segments in order. */
  @FunctionalInterface
  public interface Handler {
    UpstreamResponse handle(Session session, UpstreamRequest request, List<String> path);
  }

  private record Route(String method, Pattern pattern, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  public TunnelRouter add(String method, String template, Handler handler) {
    String regex = Pattern.quote(template).replaceAll("\\{[a-zA-Z]+}", "\\\\E([^/]+)\\\\Q");
    routes.add(new Route(method, Pattern.compile(regex), handler));
    return this;
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
