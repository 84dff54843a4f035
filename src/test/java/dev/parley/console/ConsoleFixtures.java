package dev.parley.console;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Agents, their console log-ins and web chats waiting for them, made through the wire. */
final class ConsoleFixtures {
  static final String AGENTS = "/parley/v1/Agents";
  static final String PASSWORD = "correct horse battery";

  private ConsoleFixtures() {}

  /** A logged-in agent: the cookie's token and the session's CSRF token. */
  record LoggedIn(String identity, String cookie, String csrf) {
    /** A request with the session cookie (and, for changes, the CSRF header). */
    RequestSpecification request(ParleyServer server) {
      return server.unchecked().cookie(ConsoleAuth.COOKIE, cookie);
    }

    RequestSpecification change(ParleyServer server) {
      return request(server).header(ConsoleAuth.CSRF_HEADER, csrf);
    }
  }

  static void agent(ParleyServer server, String identity, String name) {
    agent(server.api(), identity, name);
  }

  /** An agent of the account whose credentials {@code api} carries. */
  static void agent(RequestSpecification api, String identity, String name) {
    api.formParam("Identity", identity)
        .formParam("FriendlyName", name)
        .formParam("Password", PASSWORD)
        .post(AGENTS)
        .then()
        .statusCode(201);
  }

  static Response login(ParleyServer server, String identity, String password) {
    return login(server.unchecked(), identity, password);
  }

  /** A log-in sent with {@code request} (from some address, naming some account). */
  static Response login(RequestSpecification request, String identity, String password) {
    return request
        .formParam("Identity", identity)
        .formParam("Password", password)
        .post("/console/login");
  }

  /**
   * A request from {@code localAddress} (any of 127.0.0.0/8: Linux routes them all to the loopback
   * interface), so that one test's clients can come from several addresses.
   */
  static RequestSpecification from(ParleyServer server, String localAddress) {
    try {
      return server
          .unchecked()
          .config(
              RestAssuredConfig.config()
                  .encoderConfig(
                      EncoderConfig.encoderConfig()
                          .defaultCharsetForContentType(
                              "UTF-8", "application/x-www-form-urlencoded"))
                  .httpClient(
                      HttpClientConfig.httpClientConfig()
                          .setParam(
                              "http.route.local-address", InetAddress.getByName(localAddress))));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A new agent, logged in. */
  static LoggedIn loggedIn(ParleyServer server, String identity, String name) {
    agent(server, identity, name);
    Response response = login(server, identity, PASSWORD);
    response.then().statusCode(200);
    return new LoggedIn(
        identity, response.getCookie(ConsoleAuth.COOKIE), response.path("csrf_token"));
  }

  /** A Flex web chat from {@code customer} with these pre-engagement answers; its SID. */
  static String webChat(ParleyServer server, String customer, String preEngagementJson) {
    return webChat(server, customer, preEngagementJson, null);
  }

  /** The same for a returning visitor: {@code identity} (null for a new one). */
  static String webChat(
      ParleyServer server, String customer, String preEngagementJson, String identity) {
    String address = new ConversationFixtures(server).defaultChatAddress();
    RequestSpecification request = server.api();
    if (identity != null) {
      request.formParam("Identity", identity);
    }
    return request
        .formParam("AddressSid", address)
        .formParam("ChatFriendlyName", "Chat with " + customer)
        .formParam("CustomerFriendlyName", customer)
        .formParam("PreEngagementData", preEngagementJson)
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_sid");
  }
}
