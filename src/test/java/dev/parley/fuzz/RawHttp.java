package dev.parley.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP/1.1 over a plain socket, one request per connection, sending the exact bytes given: REST
 * Assured and {@code java.net.http} re-encode or refuse a malformed query or form (a bare {@code
 * %}, {@code %zz}), which is what the fuzzers must reach the server with.
 */
final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, String body) {
    /**
     * Never a 5xx, and always JSON: Twilio's {@code {"code","message","more_info","status"}} for an
     * error.
     */
    void assertTwilioShaped() {
      assertThat(status).as("status of %s", body).isBetween(200, 499);
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
      if (status >= 400) {
        assertThat(json.path("code").isInt()).as("code in %s", body).isTrue();
        assertThat(json.path("message").isTextual()).as("message in %s", body).isTrue();
        assertThat(json.path("more_info").isTextual()).as("more_info in %s", body).isTrue();
        assertThat(json.path("status").asInt()).as("status in %s", body).isEqualTo(status);
      }
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final int port;
  private final String authorization;

  RawHttp(int port, String user, String password) {
    this.port = port;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Response get(String target) {
    return send("GET", target, null);
  }

  Response postForm(String path, byte[] body) {
    return send("POST", path, body);
  }

  private Response send(String method, String target, byte[] body) {
    StringBuilder head =
        new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:")
            .append(port)
            .append("\r\nAuthorization: ")
            .append(authorization)
            .append("\r\nConnection: close\r\n");
    if (body != null) {
      head.append("Content-Type: application/x-www-form-urlencoded\r\n")
          .append("Content-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      request.writeBytes(body);
    }
    dev.parley.testing.RawHttp.Response answer =
        dev.parley.testing.RawHttp.exchange(port, request.toByteArray());
    return new Response(answer.status(), answer.body());
  }
}
