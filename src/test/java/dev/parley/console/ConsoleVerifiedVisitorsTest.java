package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.webChat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's {@code verified} mark (issue 20): true only for a visitor whose identity the site
 * signed, whatever an anonymous visitor writes into its pre-engagement data.
 */
class ConsoleVerifiedVisitorsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String ORIGIN = "https://shop.example.com";

  private static String waiting(String sid) {
    return "waiting.find { it.conversation_sid == '" + sid + "' }";
  }

  /** A deployment of the default chat address with identity verification optional. */
  private static JsonPath site() {
    return server
        .api()
        .formParam("FriendlyName", "Shop widget")
        .formParam("AddressSid", new ConversationFixtures(server).defaultChatAddress())
        .formParam("AllowedOrigins", ORIGIN)
        .formParam("IdentityVerification", "optional")
        .post("/parley/v1/WebchatDeployments")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Hex HMAC-SHA256, as docs/verified-visitors.md tells a site to compute it. */
  private static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The widget's init with {@code params}; the new conversation's SID. */
  private static String init(String key, String... params) {
    var request =
        server
            .unchecked()
            .header("Origin", ORIGIN)
            .formParam("DeploymentKey", key)
            .formParam("CustomerFriendlyName", "Ann");
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    Response response = request.post("/v2/Webchat/Init");
    response.then().statusCode(200);
    return response.path("conversation_sid");
  }

  @Test
  void a_signed_visitors_chat_is_verified_with_its_signed_fields_listed() {
    LoggedIn ann = loggedIn(server, "vann", "Ann");
    JsonPath site = site();
    String message = "user-42\nAnn Lee\nann@example.com\n";
    String chat =
        init(
            site.getString("deployment_key"),
            "Identity",
            "user-42",
            "IdentityHash",
            hmac(site.getString("identity_secret"), message),
            "IdentityFriendlyName",
            "Ann Lee",
            "IdentityEmail",
            "ann@example.com");

    ann.request(server)
        .get("/console/chats")
        .then()
        .statusCode(200)
        .body(waiting(chat) + ".verified", equalTo(true))
        .body(waiting(chat) + ".customer_name", equalTo("Ann Lee"))
        .body(waiting(chat) + ".pre_engagement_data.email", equalTo("ann@example.com"))
        .body(
            waiting(chat) + ".pre_engagement_data.signedFields",
            contains("identity", "friendlyName", "email"));
    ann.request(server)
        .get("/console/chats/" + chat)
        .then()
        .statusCode(200)
        .body("chat.verified", equalTo(true))
        .body("visitor_identity", equalTo("verified:user-42"));
  }

  @Test
  void an_anonymous_visitors_chat_is_not_verified() {
    LoggedIn bob = loggedIn(server, "vbob", "Bob");
    String chat = init(site().getString("deployment_key"));

    bob.request(server)
        .get("/console/chats")
        .then()
        .body(waiting(chat) + ".verified", equalTo(false));
    bob.request(server).get("/console/chats/" + chat).then().body("chat.verified", equalTo(false));
  }

  @Test
  void an_anonymous_visitor_cannot_claim_verified_through_its_pre_engagement_data() {
    LoggedIn cai = loggedIn(server, "vcai", "Cai");
    String forged =
        "{\"identity_verified\":true,\"verified\":true,\"identity\":\"user-42\","
            + "\"signedFields\":[\"identity\",\"email\"],\"email\":\"ceo@example.com\"}";
    String widget = init(site().getString("deployment_key"), "PreEngagementData", forged);
    String flex = webChat(server, "Mallory", forged);

    cai.request(server)
        .get("/console/chats")
        .then()
        .body(waiting(widget) + ".verified", equalTo(false))
        .body(waiting(flex) + ".verified", equalTo(false));
  }
}
