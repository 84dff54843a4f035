package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.ORIGIN;
import static dev.parley.api.flex.WebchatFixtures.deployment;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A site's side of verified visitors: the hash as docs/verified-visitors.md tells a site to compute
 * it (written here from the document, not from Parley's code), and the verified init.
 */
final class VerifiedFixtures {
  private VerifiedFixtures() {}

  /** A deployment with identity verification {@code mode}: its key and its identity secret. */
  record Site(String sid, String key, String secret) {}

  static Site site(ParleyServer server, String mode) {
    JsonPath created = deployment(server, "IdentityVerification", mode);
    return new Site(
        created.getString("sid"),
        created.getString("deployment_key"),
        created.getString("identity_secret"));
  }

  /** Hex HMAC-SHA256 of {@code message} under {@code secret}. */
  static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The signed message with profile fields: four lines, an absent field an empty one. */
  static String profileMessage(String identity, String name, String email, String attributes) {
    return identity + "\n" + name + "\n" + email + "\n" + attributes;
  }

  /**
   * The widget's init for the site's user {@code identity} with {@code hash}, plus {@code params}.
   */
  static Response verifiedInit(
      ParleyServer server, String key, String identity, String hash, String... params) {
    var request =
        server
            .unchecked()
            .header("Origin", ORIGIN)
            .formParam("DeploymentKey", key)
            .formParam("Identity", identity)
            .formParam("IdentityHash", hash);
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    return request.post("/v2/Webchat/Init");
  }

  /** The guest's conversation list, with its token. */
  static Response conversations(ParleyServer server, String key, String token) {
    return server
        .unchecked()
        .header("Origin", ORIGIN)
        .formParam("DeploymentKey", key)
        .formParam("Token", token)
        .post("/parley/v1/Webchat/Conversations/List");
  }
}
