package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.webChat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ParleyServer;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent's messages with attachments from the console: the file goes to the Media Content Service
 * with the agent's console token, then {@code POST /console/chats/{Sid}/messages} names it.
 */
class ConsoleMessagesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final byte[] PNG = "\u0089PNG fake image bytes".getBytes(StandardCharsets.UTF_8);

  /** The agent's console token: {token, service_sid}. */
  private static JsonPath token(LoggedIn agent) {
    return agent.change(server).post("/console/token").then().statusCode(200).extract().jsonPath();
  }

  private static RequestSpecification exact() {
    return server
        .unchecked()
        .config(
            RestAssuredConfig.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
  }

  /** Uploads as the console does: the agent's token in X-Twilio-Token; the ME SID. */
  private static String upload(LoggedIn agent, String type, String filename) {
    JsonPath t = token(agent);
    return exact()
        .header("X-Twilio-Token", t.getString("token"))
        .contentType(type)
        .body(PNG)
        .queryParam("Filename", filename)
        .post("/v1/Services/" + t.getString("service_sid") + "/Media")
        .then()
        .statusCode(201)
        .body("author", equalTo(agent.identity()))
        .extract()
        .path("sid");
  }

  private static String accepted(LoggedIn agent, String customer) {
    String chat = webChat(server, customer, "{}");
    agent.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);
    return chat;
  }

  @Test
  void an_agent_sends_a_file_it_uploaded_with_its_console_token() {
    LoggedIn ann = loggedIn(server, "ann", "Ann");
    String chat = accepted(ann, "Vera");
    String media = upload(ann, "image/png", "cat.png");

    ann.change(server)
        .formParam("Body", "Here it is")
        .formParam("MediaSid", media)
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(201)
        .body("sid", startsWith("IM"))
        .body("media.sid", contains(media));

    server
        .api()
        .get("/v1/Conversations/" + chat + "/Messages")
        .then()
        .body("messages[0].author", equalTo("ann"))
        .body("messages[0].body", equalTo("Here it is"))
        .body("messages[0].media[0].sid", equalTo(media))
        .body("messages[0].media[0].content_type", equalTo("image/png"))
        .body("messages[0].media[0].filename", equalTo("cat.png"));
  }

  @Test
  void a_message_of_media_alone_needs_no_body() {
    LoggedIn bo = loggedIn(server, "bo", "Bo");
    String chat = accepted(bo, "Wes");
    String media = upload(bo, "application/pdf", "invoice.pdf");

    bo.change(server)
        .formParam("MediaSid", media)
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(201);
  }

  @Test
  void the_transcript_lists_each_message_s_media() {
    LoggedIn cy = loggedIn(server, "cy", "Cy");
    String chat = accepted(cy, "Xan");
    String media = upload(cy, "application/pdf", "invoice.pdf");
    cy.change(server)
        .formParam("MediaSid", media)
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(201);

    cy.request(server)
        .get("/console/chats/" + chat + "/transcript")
        .then()
        .statusCode(200)
        .body("messages[0].body", equalTo(""))
        .body("messages[0].media[0].sid", equalTo(media))
        .body("messages[0].media[0].filename", equalTo("invoice.pdf"))
        .body("messages[0].media[0].content_type", equalTo("application/pdf"))
        .body("messages[0].media[0].size", equalTo(PNG.length));
  }

  @Test
  void an_agent_cannot_send_another_agent_s_upload() {
    LoggedIn di = loggedIn(server, "di", "Di");
    LoggedIn ed = loggedIn(server, "ed", "Ed");
    String chat = accepted(di, "Yul");
    String edsUpload = upload(ed, "image/png", "ed.png");

    di.change(server)
        .formParam("MediaSid", edsUpload)
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void an_agent_outside_the_chat_cannot_send_to_it() {
    LoggedIn fa = loggedIn(server, "fa", "Fa");
    String chat = webChat(server, "Zed", "{}");

    fa.change(server)
        .formParam("Body", "hello")
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
    server.api().get("/v1/Conversations/" + chat + "/Messages").then().body("messages", empty());
  }

  @Test
  void a_message_without_body_or_media_is_400() {
    LoggedIn gu = loggedIn(server, "gu", "Gu");
    String chat = accepted(gu, "Abe");

    gu.change(server)
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void a_media_sid_that_is_not_one_is_400() {
    LoggedIn hu = loggedIn(server, "hu", "Hu");
    String chat = accepted(hu, "Bea");

    hu.change(server)
        .formParam("MediaSid", "../../etc/passwd")
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void sending_needs_the_csrf_token() {
    LoggedIn io = loggedIn(server, "io", "Io");
    String chat = accepted(io, "Cal");

    io.request(server)
        .formParam("Body", "hello")
        .post("/console/chats/" + chat + "/messages")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }
}
