package dev.parley.api.conversations;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Arrange steps shared by the message and receipt tests, all through the wire. */
final class MessageFixtures {
  private final ParleyServer server;

  MessageFixtures(ParleyServer server) {
    this.server = server;
  }

  /** Creates a conversation; returns it as JSON. */
  JsonPath conversation(String... params) {
    return form(params).post("/v1/Conversations").then().statusCode(201).extract().jsonPath();
  }

  String conversationSid(String... params) {
    return conversation(params).getString("sid");
  }

  /** Posts a message that must succeed; returns it as JSON. */
  JsonPath post(String conversation, String... params) {
    return form(params)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  String postSid(String conversation, String body) {
    return post(conversation, "Body", body).getString("sid");
  }

  void close(String conversation) {
    form("State", "closed").post("/v1/Conversations/" + conversation).then().statusCode(200);
  }

  /** An authenticated request carrying {@code params} as a form. */
  RequestSpecification form(String... params) {
    RequestSpecification request =
        server.api().contentType("application/x-www-form-urlencoded; charset=UTF-8");
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    return request;
  }
}
