package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.webChat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's chat lists and actions on them, as a logged-in agent calls them. */
class ConsoleChatsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String waiting(String sid) {
    return "waiting.find { it.conversation_sid == '" + sid + "' }";
  }

  @Test
  void lists_a_new_web_chat_as_waiting_with_its_pre_engagement_data() {
    LoggedIn ada = loggedIn(server, "ada", "Ada");
    String chat = webChat(server, "Vera", "{\"email\":\"vera@example.com\"}");

    ada.request(server)
        .get("/console/chats")
        .then()
        .statusCode(200)
        .body(waiting(chat) + ".customer_name", equalTo("Vera"))
        .body(waiting(chat) + ".pre_engagement_data.email", equalTo("vera@example.com"))
        .body(waiting(chat) + ".waiting_seconds", greaterThanOrEqualTo(0));
  }

  @Test
  void a_waiting_chat_shows_the_start_of_its_newest_message() {
    LoggedIn ida = loggedIn(server, "ida", "Ida");
    String chat = webChat(server, "Wes", "{}");
    String quiet = webChat(server, "Quiet", "{}");
    for (String body : new String[] {"Hello", "My order is late " + "x".repeat(300)}) {
      server
          .api()
          .formParam("Author", "visitor")
          .formParam("Body", body)
          .post("/v1/Conversations/" + chat + "/Messages")
          .then()
          .statusCode(201);
    }

    ida.request(server)
        .get("/console/chats")
        .then()
        .statusCode(200)
        .body(waiting(chat) + ".preview", equalTo("My order is late " + "x".repeat(183)))
        .body(waiting(quiet) + ".preview", equalTo(null));
  }

  @Test
  void lists_waiting_chats_oldest_first() {
    LoggedIn bea = loggedIn(server, "bea", "Bea");
    String first = webChat(server, "First", "{}");
    String second = webChat(server, "Second", "{}");

    java.util.List<String> sids =
        bea.request(server).get("/console/chats").then().extract().path("waiting.conversation_sid");

    org.assertj.core.api.Assertions.assertThat(sids).containsSubsequence(first, second);
  }

  @Test
  void accepting_joins_the_agent_and_moves_the_chat_to_mine() {
    LoggedIn cid = loggedIn(server, "cid", "Cid");
    String chat = webChat(server, "Walt", "{}");

    cid.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    server.api().get("/v1/Conversations/" + chat + "/Participants/cid").then().statusCode(200);
    cid.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", not(hasItem(chat)))
        .body("mine.conversation_sid", hasItem(chat));
  }

  @Test
  void a_second_agent_cannot_accept_a_taken_chat() {
    LoggedIn dee = loggedIn(server, "dee", "Dee");
    LoggedIn eli = loggedIn(server, "eli", "Eli");
    String chat = webChat(server, "Xena", "{}");
    dee.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    eli.change(server)
        .post("/console/chats/" + chat + "/accept")
        .then()
        .statusCode(409)
        .body("code", equalTo(20409));
  }

  @Test
  void transfer_adds_the_other_agent_and_removes_the_first() {
    LoggedIn fay = loggedIn(server, "fay", "Fay");
    LoggedIn gil = loggedIn(server, "gil", "Gil");
    String chat = webChat(server, "Yuri", "{}");
    fay.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    fay.change(server)
        .formParam("To", "gil")
        .post("/console/chats/" + chat + "/transfer")
        .then()
        .statusCode(204);

    gil.request(server).get("/console/chats").then().body("mine.conversation_sid", hasItem(chat));
    fay.request(server)
        .get("/console/chats")
        .then()
        .body("mine.conversation_sid", not(hasItem(chat)));
  }

  @Test
  void closing_moves_the_chat_to_closed_with_its_transcript() {
    LoggedIn hub = loggedIn(server, "hub", "Hub");
    String chat = webChat(server, "Zoe", "{}");
    hub.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);
    server
        .api()
        .formParam("Author", "hub")
        .formParam("Body", "<b>Hello</b> Zoe")
        .post("/v1/Conversations/" + chat + "/Messages")
        .then()
        .statusCode(201);

    hub.change(server).post("/console/chats/" + chat + "/close").then().statusCode(204);

    server.api().get("/v1/Conversations/" + chat).then().body("state", equalTo("closed"));
    hub.request(server).get("/console/chats").then().body("closed.conversation_sid", hasItem(chat));
    hub.request(server)
        .get("/console/chats/" + chat + "/transcript")
        .then()
        .statusCode(200)
        .body("messages.body", contains("<b>Hello</b> Zoe"))
        .body("messages.author_name", contains("Hub"));
  }

  @Test
  void an_agent_outside_the_chat_cannot_close_it() {
    LoggedIn ivy = loggedIn(server, "ivy", "Ivy");
    String chat = webChat(server, "Quinn", "{}");

    ivy.change(server)
        .post("/console/chats/" + chat + "/close")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void a_transfer_to_an_unknown_agent_is_404_and_keeps_the_chat() {
    LoggedIn jan = loggedIn(server, "jan", "Jan");
    String chat = webChat(server, "Ruth", "{}");
    jan.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    jan.change(server)
        .formParam("To", "nobody")
        .post("/console/chats/" + chat + "/transfer")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));

    jan.request(server).get("/console/chats").then().body("mine.conversation_sid", hasItem(chat));
  }

  @Test
  void accepting_a_closed_chat_is_refused_with_50377() {
    LoggedIn kai = loggedIn(server, "kai", "Kai");
    String chat = webChat(server, "Sam", "{}");
    server
        .api()
        .formParam("State", "closed")
        .post("/v1/Conversations/" + chat)
        .then()
        .statusCode(200);

    kai.change(server)
        .post("/console/chats/" + chat + "/accept")
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void accepting_an_unknown_conversation_is_404() {
    LoggedIn lea = loggedIn(server, "lea", "Lea");

    lea.change(server)
        .post("/console/chats/CH00000000000000000000000000000000/accept")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void the_transcript_of_a_chat_the_agent_is_not_in_is_403() {
    LoggedIn max = loggedIn(server, "max", "Max");
    String chat = webChat(server, "Tara", "{}");

    max.request(server)
        .get("/console/chats/" + chat + "/transcript")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void a_web_chat_whose_attributes_were_rewritten_with_spaces_still_waits() {
    LoggedIn ned = loggedIn(server, "ned", "Ned");
    String chat = webChat(server, "Uma", "{}");
    server
        .api()
        .formParam("Attributes", "{\"channel_type\": \"web\", \"from\": \"Uma\"}")
        .post("/v1/Conversations/" + chat)
        .then()
        .statusCode(200);

    ned.request(server)
        .get("/console/chats")
        .then()
        .body(waiting(chat) + ".customer_name", equalTo("Uma"));
  }

  private static void message(String chat, String author, String body) {
    server
        .api()
        .formParam("Author", author)
        .formParam("Body", body)
        .post("/v1/Conversations/" + chat + "/Messages")
        .then()
        .statusCode(201);
  }

  private static String mine(String sid) {
    return "mine.find { it.conversation_sid == '" + sid + "' }";
  }

  @Test
  void an_open_chat_counts_the_messages_after_the_agent_s_read_horizon() {
    LoggedIn oto = loggedIn(server, "oto", "Oto");
    String chat = webChat(server, "Vic", "{}");
    oto.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);
    message(chat, "visitor-vic", "one");
    message(chat, "visitor-vic", "two");
    message(chat, "visitor-vic", "three");

    oto.request(server)
        .get("/console/chats")
        .then()
        .body(mine(chat) + ".unread", equalTo(3))
        .body(mine(chat) + ".preview", equalTo("three"));

    server
        .api()
        .formParam("LastReadMessageIndex", 1)
        .post("/v1/Conversations/" + chat + "/Participants/oto")
        .then()
        .statusCode(200);
    oto.request(server).get("/console/chats").then().body(mine(chat) + ".unread", equalTo(1));
  }

  @Test
  void the_details_name_the_visitor_and_list_its_earlier_chats() {
    LoggedIn pia = loggedIn(server, "pia", "Pia");
    String first = webChat(server, "Rita", "{\"email\":\"rita@example.com\"}", "visitor-rita");
    message(first, "visitor-rita", "My first question");
    server
        .api()
        .formParam("State", "closed")
        .post("/v1/Conversations/" + first)
        .then()
        .statusCode(200);
    String second = webChat(server, "Rita", "{\"email\":\"rita@example.com\"}", "visitor-rita");
    String stranger = webChat(server, "Sol", "{}", "visitor-sol");
    pia.change(server).post("/console/chats/" + second + "/accept").then().statusCode(200);

    pia.request(server)
        .get("/console/chats/" + second)
        .then()
        .statusCode(200)
        .body("chat.conversation_sid", equalTo(second))
        .body("chat.pre_engagement_data.email", equalTo("rita@example.com"))
        .body("visitor_identity", equalTo("visitor-rita"))
        .body("earlier_chats.conversation_sid", contains(first))
        .body("earlier_chats[0].state", equalTo("closed"))
        .body("earlier_chats[0].preview", equalTo("My first question"))
        .body("earlier_chats.conversation_sid", not(hasItem(stranger)));
  }

  @Test
  void an_agent_reads_the_transcript_of_its_visitor_s_earlier_chat_but_no_other() {
    LoggedIn quy = loggedIn(server, "quy", "Quy");
    String earlier = webChat(server, "Tom", "{}", "visitor-tom");
    message(earlier, "visitor-tom", "Long ago");
    String now = webChat(server, "Tom", "{}", "visitor-tom");
    String other = webChat(server, "Uli", "{}", "visitor-uli");
    quy.change(server).post("/console/chats/" + now + "/accept").then().statusCode(200);

    quy.request(server)
        .get("/console/chats/" + earlier + "/transcript")
        .then()
        .statusCode(200)
        .body("messages.body", contains("Long ago"));
    quy.request(server)
        .get("/console/chats/" + other + "/transcript")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void the_details_of_another_agent_s_chat_are_403() {
    LoggedIn ray = loggedIn(server, "ray", "Ray");
    LoggedIn sue = loggedIn(server, "sue", "Sue");
    String chat = webChat(server, "Vin", "{}");
    ray.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    sue.request(server)
        .get("/console/chats/" + chat)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void the_details_of_an_unknown_chat_are_404() {
    LoggedIn tia = loggedIn(server, "tia", "Tia");

    tia.request(server)
        .get("/console/chats/CH00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }
}
