import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The baseline every benchmark figure is a ratio to: the smallest Vert.x HTTP server, answering
 * "hello" to every request on one event loop. Run as a single-file program on Parley's jar.
 */
public class HelloWorld {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx.vertx()
        .createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
        .requestHandler(request -> request.response().end("hello"))
        .listen()
        .onSuccess(server -> System.out.println("hello-world listening on " + server.actualPort()));
  }
}
