package dev.parley.realtime;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;

/**
 * Access tokens as a customer's backend mints them: twilio-java's {@code AccessToken} with a {@code
 * ChatGrant}, signed with an API key created through the REST API.
 */
final class Tokens {
  private final String accountSid;
  private final String keySid;
  private final String secret;
  private final String serviceSid;

  private Tokens(String accountSid, String keySid, String secret, String serviceSid) {
    this.accountSid = accountSid;
    this.keySid = keySid;
    this.secret = secret;
    this.serviceSid = serviceSid;
  }

  /** A new API key of the bootstrapped account, for its default Conversation Service. */
  static Tokens of(ParleyServer server) {
    return of(server, ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);
  }

  static Tokens of(ParleyServer server, String accountSid, String authToken) {
    JsonPath key =
        server
            .as(accountSid, authToken)
            .formParam("FriendlyName", "backend")
            .post("/2010-04-01/Accounts/" + accountSid + "/Keys.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String service =
        server
            .as(accountSid, authToken)
            .get("/v1/Configuration")
            .then()
            .extract()
            .path("default_chat_service_sid");
    return new Tokens(accountSid, key.getString("sid"), key.getString("secret"), service);
  }

  String serviceSid() {
    return serviceSid;
  }

  /** The same key, its tokens naming {@code otherService} (perhaps another account's). */
  Tokens naming(String otherService) {
    return new Tokens(accountSid, keySid, secret, otherService);
  }

  String keySid() {
    return keySid;
  }

  AccessToken.Builder builder(String identity) {
    return new AccessToken.Builder(accountSid, keySid, secret.getBytes(StandardCharsets.UTF_8))
        .identity(identity)
        .grant(new ChatGrant().setServiceSid(serviceSid));
  }

  /** A token for {@code identity}, valid for an hour. */
  String token(String identity) {
    return builder(identity).ttl(3600).build().toJwt();
  }

  String token(String identity, int ttlSeconds) {
    return builder(identity).ttl(ttlSeconds).build().toJwt();
  }

  /** Signed with another secret: refused with 20107. */
  String forged(String identity) {
    return new AccessToken.Builder(
            accountSid,
            keySid,
            "not-the-secret-000000000000000000".getBytes(StandardCharsets.UTF_8))
        .identity(identity)
        .grant(new ChatGrant().setServiceSid(serviceSid))
        .ttl(3600)
        .build()
        .toJwt();
  }
}
