package dev.parley.api.conversations;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account's default timers apply to conversations created without timers of their own. */
class DefaultTimersTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @BeforeAll
  static void setAccountDefaults() {
    server
        .api()
        .formParam("DefaultInactiveTimer", "PT5M")
        .formParam("DefaultClosedTimer", "PT30M")
        .post("/v1/Configuration")
        .then()
        .statusCode(200);
  }

  @Test
  void a_new_conversation_gets_the_account_default_timers() {
    server
        .api()
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .body("timers.date_inactive", notNullValue())
        .body("timers.date_closed", notNullValue());
  }

  @Test
  void timers_of_its_own_win_over_the_defaults() {
    server
        .api()
        .formParam("State", "inactive")
        .formParam("Timers.Closed", "PT10M")
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .body("timers.date_inactive", nullValue())
        .body("timers.date_closed", notNullValue());
  }

  @Test
  void a_web_chat_conversation_gets_them_too() {
    String address = new ConversationFixtures(server).defaultChatAddress();

    String sid =
        server
            .api()
            .formParam("AddressSid", address)
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");

    server
        .api()
        .get("/v1/Conversations/" + sid)
        .then()
        .body("timers.date_closed", notNullValue())
        .body("state", equalTo("active"));
  }
}
