package dev.parley.api.conversations;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Arrange steps shared by the Conversations resource tests: form posts and common records. */
final class Fixtures {
  private Fixtures() {}

  /** POSTs {@code params} (name, value, name, value…) as a form and returns the raw response. */
  static Response post(ParleyServer server, String path, String... params) {
    var request = server.api().contentType("application/x-www-form-urlencoded");
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    return request.post(path);
  }

  /** POSTs a form that must answer {@code status}, and returns its body. */
  static JsonPath post(ParleyServer server, int status, String path, String... params) {
    return post(server, path, params).then().statusCode(status).extract().jsonPath();
  }

  static String conversation(ParleyServer server, String... params) {
    return post(server, 201, "/v1/Conversations", params).getString("sid");
  }

  static String participant(ParleyServer server, String conversation, String... params) {
    return post(server, 201, "/v1/Conversations/" + conversation + "/Participants", params)
        .getString("sid");
  }

  static String user(ParleyServer server, String identity) {
    return post(server, 201, "/v1/Users", "Identity", identity).getString("sid");
  }

  /** The account's default Conversation Service, for the service-scoped twins of each path. */
  static String defaultService(ParleyServer server) {
    return post(server, 201, "/v1/Conversations").getString("chat_service_sid");
  }

  static void close(ParleyServer server, String conversation) {
    post(server, 200, "/v1/Conversations/" + conversation, "State", "closed");
  }
}
