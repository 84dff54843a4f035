package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.auth.AccessGrant;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two domain seams the realtime endpoint will stand on: a twilio-java token verifies to its
 * grant, and only a conversation's participants may read it.
 */
class AccessTokensTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String ACCOUNT = ParleyServer.ACCOUNT_SID;

  private static String defaultService() {
    return server.api().get("/v1/Configuration").then().extract().path("default_chat_service_sid");
  }

  @Test
  void a_twilio_java_token_verifies_to_its_account_service_identity_key_and_expiry() {
    JsonPath key =
        server
            .api()
            .formParam("FriendlyName", "backend")
            .post("/2010-04-01/Accounts/" + ACCOUNT + "/Keys.json")
            .then()
            .extract()
            .jsonPath();
    String service = defaultService();
    String jwt =
        new AccessToken.Builder(
                ACCOUNT,
                key.getString("sid"),
                key.getString("secret").getBytes(StandardCharsets.UTF_8))
            .identity("agent@example.com")
            .grant(new ChatGrant().setServiceSid(service))
            .ttl(3600)
            .build()
            .toJwt();

    AccessGrant grant = server.parley().wiring().accessTokens().verify(jwt);

    assertThat(grant.accountSid()).isEqualTo(ACCOUNT);
    assertThat(grant.serviceSid()).isEqualTo(service);
    assertThat(grant.identity()).isEqualTo("agent@example.com");
    assertThat(grant.keySid()).isEqualTo(key.getString("sid"));
    assertThat(Duration.between(Instant.now(), grant.expiresAt()))
        .isBetween(Duration.ofSeconds(3590), Duration.ofSeconds(3600));
  }

  @Test
  void only_a_participant_may_read_a_conversation() {
    String address = new ConversationFixtures(server).defaultChatAddress();
    JsonPath chat =
        server
            .api()
            .formParam("AddressSid", address)
            .formParam("CustomerFriendlyName", "Ann")
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    JsonPath other =
        server
            .api()
            .formParam("AddressSid", address)
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String service = defaultService();
    var access = server.parley().wiring().conversationAccess();
    String conversation = chat.getString("conversation_sid");

    boolean own = access.mayRead(ACCOUNT, service, chat.getString("identity"), conversation);
    boolean anothers = access.mayRead(ACCOUNT, service, other.getString("identity"), conversation);
    boolean elsewhere =
        access.mayRead(
            "AC00000000000000000000000000000099",
            service,
            chat.getString("identity"),
            conversation);

    assertThat(own).isTrue();
    assertThat(anothers).isFalse();
    assertThat(elsewhere).isFalse();
  }
}
