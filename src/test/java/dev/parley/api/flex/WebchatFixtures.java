package dev.parley.api.flex;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deployments and Webchat 3 requests as a widget on {@link #ORIGIN} makes them. */
final class WebchatFixtures {
  static final String ORIGIN = "https://shop.example.com";
  static final String DEPLOYMENTS = "/parley/v1/WebchatDeployments";

  private WebchatFixtures() {}

  static String defaultChatAddress(ParleyServer server) {
    return new ConversationFixtures(server).defaultChatAddress();
  }

  /** A deployment of the default chat address allowing {@link #ORIGIN}, plus {@code params}. */
  static JsonPath deployment(ParleyServer server, String... params) {
    RequestSpecification request =
        server
            .api()
            .formParam("FriendlyName", "Shop widget")
            .formParam("AddressSid", defaultChatAddress(server))
            .formParam("AllowedOrigins", ORIGIN);
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    return request.post(DEPLOYMENTS).then().statusCode(201).extract().jsonPath();
  }

  static String deploymentKey(ParleyServer server, String... params) {
    return deployment(server, params).getString("deployment_key");
  }

  /** The Webchat 3 client's init, from {@link #ORIGIN}; {@code params} add or replace fields. */
  static Response init(ParleyServer server, String key, String... params) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("DeploymentKey", key);
    form.put("CustomerFriendlyName", "Ann");
    form.put("PreEngagementData", "{\"friendlyName\":\"Ann\"}");
    for (int i = 0; i < params.length; i += 2) {
      form.put(params[i], params[i + 1]);
    }
    return server.unchecked().header("Origin", ORIGIN).formParams(form).post("/v2/Webchat/Init");
  }

  static JsonPath started(ParleyServer server, String key, String... params) {
    return init(server, key, params).then().statusCode(200).extract().jsonPath();
  }

  /** The Webchat 3 client's refresh, from {@link #ORIGIN}. */
  static Response refresh(ParleyServer server, String key, String token) {
    return server
        .unchecked()
        .header("Origin", ORIGIN)
        .formParam("DeploymentKey", key)
        .formParam("Token", token)
        .post("/v2/Webchat/Tokens/Refresh");
  }

  /** Parley's close of a guest's own conversation, from {@link #ORIGIN}. */
  static Response close(ParleyServer server, String key, String token, String conversation) {
    return server
        .unchecked()
        .header("Origin", ORIGIN)
        .formParam("DeploymentKey", key)
        .formParam("Token", token)
        .post("/parley/v1/Webchat/Conversations/" + conversation + "/Close");
  }
}
