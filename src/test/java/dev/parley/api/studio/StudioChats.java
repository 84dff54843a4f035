package dev.parley.api.studio;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;

/** A web chat on a new chat address whose auto-creation runs a Studio flow, for the flow tests. */
final class StudioChats {
  private StudioChats() {}

  /** Starts one through {@code POST /v2/WebChats}: its conversation SID and visitor identity. */
  static String[] webChat(ParleyServer server, String flow) {
    String address =
        server
            .api()
            .formParam("Type", "chat")
            .formParam("Address", "urn:parley:studio-" + System.nanoTime())
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "studio")
            .formParam("AutoCreation.StudioFlowSid", flow)
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    JsonPath chat =
        server
            .api()
            .formParam("AddressSid", address)
            .formParam("ChatFriendlyName", "Chat")
            .formParam("CustomerFriendlyName", "Ann")
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new String[] {chat.getString("conversation_sid"), chat.getString("identity")};
  }
}
