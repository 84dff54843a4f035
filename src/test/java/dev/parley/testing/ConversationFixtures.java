package dev.parley.testing;

/**
 * Arrange steps through REST: conversations with chat participants, messages in them, the address a
 * web chat names.
 */
public final class ConversationFixtures {
  private final ParleyServer server;

  public ConversationFixtures(ParleyServer server) {
    this.server = server;
  }

  /** A new conversation with a chat participant for each identity; its SID. */
  public String conversationWith(String... identities) {
    String sid =
        server
            .api()
            .formParam("FriendlyName", "chat")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    for (String identity : identities) {
      server
          .api()
          .formParam("Identity", identity)
          .post("/v1/Conversations/" + sid + "/Participants")
          .then()
          .statusCode(201);
    }
    return sid;
  }

  /** Posts {@code body} by {@code system} through REST, as a bot or Flex would. */
  public void post(String conversation, String body) {
    server
        .api()
        .formParam("Author", "system")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  /** The SID of the chat address configuration every new account has. */
  public String defaultChatAddress() {
    return server
        .api()
        .get("/v1/Configuration/Addresses?Type=chat")
        .then()
        .statusCode(200)
        .extract()
        .path("address_configurations[0].sid");
  }
}
