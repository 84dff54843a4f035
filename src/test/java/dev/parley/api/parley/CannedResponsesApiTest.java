package dev.parley.api.parley;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /parley/v1/CannedResponses}: an account's saved replies, managed with its credentials. */
class CannedResponsesApiTest {
  private static final String PATH = "/parley/v1/CannedResponses";

  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String otherSid;
  private static String otherToken;

  /** A fresh request with the other account's credentials. */
  private static RequestSpecification other() {
    return server.as(otherSid, otherToken);
  }

  @BeforeAll
  static void anotherAccount() {
    otherSid =
        server
            .api()
            .formParam("FriendlyName", "Other shop")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    otherToken =
        server
            .api()
            .get("/2010-04-01/Accounts/" + otherSid + ".json")
            .then()
            .extract()
            .path("auth_token");
  }

  private static Response create(String shortCode, String body) {
    RequestSpecification request = server.api();
    if (shortCode != null) {
      request.formParam("ShortCode", shortCode);
    }
    if (body != null) {
      request.formParam("Body", body);
    }
    return request.post(PATH);
  }

  private static String created(String shortCode, String body) {
    return create(shortCode, body).then().statusCode(201).extract().path("sid");
  }

  @Test
  void creates_a_canned_response() {
    create("thanks", "Thank you for waiting!")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^QR[0-9a-f]{32}$"))
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("short_code", equalTo("thanks"))
        .body("body", equalTo("Thank you for waiting!"))
        .body("url", matchesPattern("^.*" + PATH + "/QR[0-9a-f]{32}$"));
  }

  @Test
  void fetches_by_sid_or_short_code() {
    String sid = created("hours", "We are open 9 to 5.");

    server.api().get(PATH + "/" + sid).then().statusCode(200).body("short_code", equalTo("hours"));
    server.api().get(PATH + "/hours").then().statusCode(200).body("sid", equalTo(sid));
  }

  @Test
  void lists_the_account_s_responses_with_paging_meta() {
    String sid = created("refund", "Refunds take 5 days.");

    server
        .api()
        .get(PATH + "?PageSize=1000")
        .then()
        .statusCode(200)
        .body("canned_responses.sid", hasItem(sid))
        .body("meta.key", equalTo("canned_responses"))
        .body("meta.page_size", equalTo(1000));
  }

  @Test
  void updates_the_body_and_the_short_code() {
    String sid = created("ship", "It ships today.");

    server
        .api()
        .formParam("Body", "It ships tomorrow.")
        .formParam("ShortCode", "shipping")
        .post(PATH + "/" + sid)
        .then()
        .statusCode(200)
        .body("short_code", equalTo("shipping"))
        .body("body", equalTo("It ships tomorrow."));
    server.api().get(PATH + "/ship").then().statusCode(404);
  }

  @Test
  void deletes_a_response() {
    String sid = created("bye", "Goodbye!");

    server.api().delete(PATH + "/" + sid).then().statusCode(204);

    server
        .api()
        .get(PATH + "/" + sid)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body("message", containsString(PATH + "/" + sid))
        .body("more_info", containsString("20404"))
        .body("status", equalTo(404));
  }

  @Test
  void a_taken_short_code_is_409() {
    created("greet", "Hello!");

    create("greet", "Hi again")
        .then()
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("message", containsString("greet"));
  }

  @Test
  void renaming_onto_a_taken_short_code_is_409() {
    created("one", "One");
    String two = created("two", "Two");

    server
        .api()
        .formParam("ShortCode", "one")
        .post(PATH + "/" + two)
        .then()
        .statusCode(409)
        .body("code", equalTo(20409));
  }

  @Test
  void a_missing_short_code_or_body_is_400() {
    create(null, "text").then().statusCode(400).body("code", equalTo(20001));
    create("nobody", null).then().statusCode(400).body("code", equalTo(20001));
  }

  @Test
  void a_short_code_with_spaces_or_a_slash_is_400() {
    for (String bad : new String[] {"two words", "/slash", "-dash-first", "x".repeat(33)}) {
      create(bad, "text")
          .then()
          .statusCode(400)
          .body("code", equalTo(20001))
          .body("message", containsString("ShortCode"));
    }
  }

  @Test
  void a_blank_or_too_long_body_is_400() {
    create("blank", "   ").then().statusCode(400).body("code", equalTo(20001));
    create("long", "x".repeat(1601))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("Body"));
  }

  @Test
  void another_account_neither_sees_nor_changes_nor_deletes_them() {
    String sid = created("secret", "Our internal note");

    other().get(PATH + "/" + sid).then().statusCode(404).body("code", equalTo(20404));
    other().get(PATH + "/secret").then().statusCode(404);
    other().get(PATH).then().statusCode(200).body("canned_responses.sid", not(hasItem(sid)));
    other().formParam("Body", "hijacked").post(PATH + "/" + sid).then().statusCode(404);
    other().delete(PATH + "/" + sid).then().statusCode(404);

    server
        .api()
        .get(PATH + "/" + sid)
        .then()
        .statusCode(200)
        .body("body", equalTo("Our internal note"));
  }

  @Test
  void each_account_may_use_the_same_short_code() {
    created("welcome", "Welcome to A");

    other()
        .formParam("ShortCode", "welcome")
        .formParam("Body", "Welcome to B")
        .post(PATH)
        .then()
        .statusCode(201)
        .body("account_sid", not(equalTo(ParleyServer.ACCOUNT_SID)));
    server.api().get(PATH + "/welcome").then().body("body", equalTo("Welcome to A"));
  }

  @Test
  void without_credentials_it_is_401() {
    server
        .unchecked()
        .get(PATH)
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("sid", nullValue());
  }
}
