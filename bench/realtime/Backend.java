import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The customer's backend in a benchmark run: REST over a pooled Vert.x client with the account's
 * Basic auth, and access tokens minted as twilio-java's AccessToken + ChatGrant mints them (HS256
 * with an API key's secret, {@code cty twilio-fpa;v=1}).
 */
final class Backend {
  /** An answer: status and JSON body. */
  record Answer(int status, JsonNode body) {}

  final String host;
  final int port;
  private final String account;
  private final String auth;
  private final HttpClient http;
  private String keySid;
  private byte[] secret;
  String serviceSid;

  Backend(Vertx vertx, String host, int port, String account, String authToken, int pool) {
    this.host = host;
    this.port = port;
    this.account = account;
    this.auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((account + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setDefaultHost(host).setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(pool));
  }

  /** Makes an API key (for tokens) and reads the default Conversation Service. */
  Backend setUp() {
    JsonNode key = post("/2010-04-01/Accounts/" + account + "/Keys.json", Map.of("FriendlyName", "bench"))
        .toCompletionStage().toCompletableFuture().join().body();
    keySid = key.path("sid").asText();
    secret = key.path("secret").asText().getBytes(StandardCharsets.UTF_8);
    serviceSid =
        send(HttpMethod.GET, "/v1/Configuration", null)
            .toCompletionStage().toCompletableFuture().join().body()
            .path("default_chat_service_sid").asText();
    return this;
  }

  Future<Answer> post(String path, Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            body.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return send(HttpMethod.POST, path, body.toString());
  }

  /** A form POST whose body is already encoded: the loader's hot path. */
  Future<Integer> postEncoded(String path, String body) {
    return http.request(options(HttpMethod.POST, path))
        .compose(r -> r.send(body))
        .compose(r -> r.body().map(ignored -> r.statusCode()));
  }

  private Future<Answer> send(HttpMethod method, String path, String form) {
    return http.request(options(method, path))
        .compose(r -> form == null ? r.send() : r.send(form))
        .compose(r -> r.body().map(b -> new Answer(r.statusCode(), json(b))));
  }

  private RequestOptions options(HttpMethod method, String path) {
    return new RequestOptions()
        .setMethod(method)
        .setURI(path)
        // Bounded: a post that hangs counts as failed instead of stalling the run.
        .setIdleTimeout(30_000)
        .putHeader("Authorization", auth)
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
  }

  /** An hour's token for {@code identity} on the default service. */
  String token(String identity) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .jwtID(keySid + "-" + now.getEpochSecond())
            .issuer(keySid)
            .subject(account)
            .expirationTime(Date.from(now.plusSeconds(3600)))
            .claim("grants", Map.of("identity", identity, "chat", Map.of("service_sid", serviceSid)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT)
                .contentType("twilio-fpa;v=1")
                .build(),
            claims);
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static JsonNode json(Buffer body) {
    try {
      return body.length() == 0 ? Twilsock.JSON.createObjectNode() : Twilsock.JSON.readTree(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
