package dev.parley.realtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * An upstream that records what the transport hands it and answers as the test says (by default,
 * 200 with the request's method and path).
 */
final class RecordingUpstream implements Upstream {
  static final BiFunction<Session, UpstreamRequest, UpstreamResponse> ECHO =
      (session, request) ->
          UpstreamResponse.ok(Map.of("method", request.method(), "path", request.path()));

  final List<UpstreamRequest> requests = new CopyOnWriteArrayList<>();
  final List<Session> opened = new CopyOnWriteArrayList<>();
  final List<Session> closed = new CopyOnWriteArrayList<>();
  volatile BiFunction<Session, UpstreamRequest, UpstreamResponse> answer = ECHO;

  @Override
  public UpstreamResponse handle(Session session, UpstreamRequest request) {
    requests.add(request);
    return answer.apply(session, request);
  }

  @Override
  public void opened(Session session) {
    opened.add(session);
  }

  @Override
  public void closed(Session session) {
    closed.add(session);
  }

  Session session(String identity) {
    return opened.stream()
        .filter(session -> session.grant().identity().equals(identity))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  void reset() {
    requests.clear();
    answer = ECHO;
  }
}
