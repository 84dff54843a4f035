package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.ParleyServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads at and over the per-file limit (16 MiB by default), sent in chunks of unknown length as a
 * streaming client sends them, and read back whole.
 */
class LargeUploadsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final long LIMIT = MediaLimits.DEFAULT.maxFileBytes();
  // HTTP/1.1, as browsers send uploads to an http:// origin (no h2c upgrade).
  private static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  // Java's default client, which offers an h2c upgrade (Upgrade: h2c) on its first request: the
  // upgrade is declined (h2c is off, docs/security.md) and the upload goes on over HTTP/1.1.
  private static final HttpClient OFFERS_H2C = HttpClient.newHttpClient();
  private static MediaClient mcs;

  @BeforeAll
  static void client() {
    mcs = new MediaClient(server);
  }

  @Test
  void a_file_of_the_limit_is_stored_and_read_back_byte_for_byte() throws Exception {
    HttpResponse<String> uploaded = upload(LIMIT);

    assertThat(uploaded.statusCode()).isEqualTo(201);
    JsonNode media = new ObjectMapper().readTree(uploaded.body());
    assertThat(media.get("size").asLong()).isEqualTo(LIMIT);
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new Pattern(LIMIT)) {
      sent.update(in.readAllBytes());
    }
    MessageDigest read = MessageDigest.getInstance("SHA-256");
    HttpResponse<InputStream> content =
        http.send(
            authorized(URI.create(media.get("links").get("content").asText())).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long total = 0;
    try (InputStream in = content.body()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        read.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(LIMIT);
    assertThat(HexFormat.of().formatHex(read.digest()))
        .isEqualTo(HexFormat.of().formatHex(sent.digest()));
  }

  @Test
  void one_byte_over_the_limit_is_refused_with_50512() throws Exception {
    HttpResponse<String> refused = upload(LIMIT + 1);

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(new ObjectMapper().readTree(refused.body()).get("code").asInt()).isEqualTo(50512);
  }

  @Test
  void a_client_offering_an_h2c_upgrade_uploads_the_limit_over_http_1_1() throws Exception {
    HttpRequest request =
        authorized(URI.create(server.baseUrl() + mcs.media() + "?Filename=big.bin"))
            .header("Content-Type", "application/octet-stream")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(LIMIT)))
            .build();

    HttpResponse<String> uploaded = OFFERS_H2C.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(uploaded.statusCode()).isEqualTo(201);
    assertThat(uploaded.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(new ObjectMapper().readTree(uploaded.body()).get("size").asLong()).isEqualTo(LIMIT);
  }

  @Test
  void a_client_offering_an_h2c_upgrade_is_refused_before_its_body_without_a_hang()
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/v1/Services/IS" + "0".repeat(32) + "/Media"))
            .header("X-Twilio-Token", mcs.token("alice"))
            .header("Content-Type", "application/octet-stream")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(LIMIT)))
            .build();

    HttpResponse<String> refused = OFFERS_H2C.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> upload(long size) throws Exception {
    HttpRequest request =
        authorized(URI.create(server.baseUrl() + mcs.media() + "?Filename=big.bin"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(size)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder authorized(URI uri) {
    String basic =
        Base64.getEncoder()
            .encodeToString((ParleyServer.ACCOUNT_SID + ":" + ParleyServer.AUTH_TOKEN).getBytes());
    return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic);
  }

  /** {@code size} bytes of a repeating pattern, made as they are read. */
  private static final class Pattern extends InputStream {
    private long left;
    private long position;

    Pattern(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return (int) (position++ * 31 % 251);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) (position++ * 31 % 251);
      }
      left -= n;
      return n;
    }
  }
}
