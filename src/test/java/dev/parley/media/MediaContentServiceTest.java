package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twilio's Media Content Service through the wire: uploads, reads, and who may read. */
class MediaContentServiceTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static MediaClient mcs;

  @BeforeAll
  static void client() {
    mcs = new MediaClient(server);
  }

  @Test
  void uploads_a_raw_body_and_answers_the_media_resource() {
    byte[] png = "\u0089PNG fake image".getBytes(StandardCharsets.ISO_8859_1);

    JsonPath media =
        mcs.asAccount()
            .contentType("image/png")
            .queryParam("Filename", "cat.png")
            .body(png)
            .post(mcs.media())
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(media.getString("sid")).matches("ME[0-9a-f]{32}");
    assertThat(media.getString("account_sid")).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(media.getString("service_sid")).isEqualTo(mcs.serviceSid());
    assertThat(media.getString("channel_sid")).isNull();
    assertThat(media.getString("message_sid")).isNull();
    assertThat(media.getLong("size")).isEqualTo(png.length);
    assertThat(media.getString("content_type")).isEqualTo("image/png");
    assertThat(media.getString("filename")).isEqualTo("cat.png");
    assertThat(media.getString("category")).isEqualTo("media");
    assertThat(media.getString("url"))
        .isEqualTo(server.baseUrl() + mcs.media() + "/" + media.getString("sid"));
    assertThat(media.getString("links.content")).isEqualTo(media.getString("url") + "/Content");
    assertThat(media.getString("links.content_direct_temporary"))
        .startsWith(media.getString("url") + "/Content/Direct?");
  }

  @Test
  void uploads_multipart_form_data_as_a_browser_does() {
    JsonPath media =
        mcs.as("alice")
            .multiPart("file", "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain")
            .queryParam("Category", "media")
            .post(mcs.media())
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(media.getString("author")).isEqualTo("alice");
    assertThat(media.getString("filename")).isEqualTo("notes.txt");
    assertThat(media.getString("content_type")).isEqualTo("text/plain");
    assertThat(media.getLong("size")).isEqualTo(5);
  }

  @Test
  void serves_the_content_with_the_stored_type_never_sniffed() {
    JsonPath media = mcs.uploadAs("alice", "text/plain", bytes("plain words"));

    mcs.as("alice")
        .get(mcs.media() + "/" + media.getString("sid") + "/Content")
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("text/plain"))
        .header("X-Content-Type-Options", "nosniff")
        .body(equalTo("plain words"));
  }

  @Test
  void serves_html_as_an_attachment_so_it_never_runs_on_the_origin() {
    JsonPath media = mcs.upload("text/html", bytes("<script>alert(1)</script>"));

    mcs.asAccount()
        .get(mcs.media() + "/" + media.getString("sid") + "/Content")
        .then()
        .statusCode(200)
        .header("Content-Disposition", startsWith("attachment"))
        .header("X-Content-Type-Options", "nosniff");
  }

  @Test
  void the_temporary_url_serves_the_content_without_credentials() {
    JsonPath media = mcs.uploadAs("alice", "image/png", bytes("pixels"));
    String temporary =
        mcs.as("alice")
            .get(mcs.media() + "/" + media.getString("sid"))
            .then()
            .statusCode(200)
            .extract()
            .path("links.content_direct_temporary");

    server
        .unchecked()
        .urlEncodingEnabled(false)
        .get(relative(temporary))
        .then()
        .statusCode(200)
        .header("Content-Type", "image/png")
        .header("Content-Disposition", startsWith("inline"))
        .body(equalTo("pixels"));
  }

  @Test
  void a_forged_temporary_url_is_refused() {
    JsonPath media = mcs.upload("image/png", bytes("pixels"));
    String forged =
        relative(media.getString("links.content_direct_temporary"))
            .replaceFirst("Signature=[^&]+", "Signature=forged");

    server
        .unchecked()
        .urlEncodingEnabled(false)
        .get(forged)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void a_temporary_url_for_one_medium_opens_no_other() {
    JsonPath first = mcs.upload("image/png", bytes("one"));
    JsonPath second = mcs.upload("image/png", bytes("two"));
    String borrowed =
        relative(first.getString("links.content_direct_temporary"))
            .replace(first.getString("sid"), second.getString("sid"));

    server.unchecked().urlEncodingEnabled(false).get(borrowed).then().statusCode(403);
  }

  @Test
  void an_expired_temporary_url_is_refused() {
    JsonPath media = mcs.upload("image/png", bytes("pixels"));
    String temporary = relative(media.getString("links.content_direct_temporary"));

    server.clock().advance(MediaUrls.LIFETIME.plus(Duration.ofSeconds(1)));

    server.unchecked().urlEncodingEnabled(false).get(temporary).then().statusCode(403);
  }

  @Test
  void a_guessed_sid_is_not_found() {
    mcs.asAccount()
        .get(mcs.media() + "/ME" + "0".repeat(32))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void another_identity_cannot_read_an_upload_not_yet_attached() {
    JsonPath media = mcs.uploadAs("alice", "image/png", bytes("mine"));

    mcs.as("mallory")
        .get(mcs.media() + "/" + media.getString("sid"))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void another_account_cannot_read_the_media() {
    JsonPath media = mcs.upload("image/png", bytes("ours"));
    JsonPath other =
        server
            .api()
            .formParam("FriendlyName", "tenant")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(other.getString("sid"), other.getString("auth_token"))
        .get(mcs.media() + "/" + media.getString("sid") + "/Content")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void an_upload_to_a_service_the_caller_does_not_own_is_not_found() {
    mcs.as("alice")
        .contentType("image/png")
        .body(bytes("pixels"))
        .post("/v1/Services/IS" + "0".repeat(32) + "/Media")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void a_forged_token_is_refused() {
    server
        .unchecked()
        .header("X-Twilio-Token", "not.a.token")
        .get(mcs.media() + "/ME" + "0".repeat(32))
        .then()
        .statusCode(401)
        .body("code", equalTo(20101));
  }

  @Test
  void the_media_set_answers_each_medium_in_order() {
    JsonPath media = mcs.uploadAs("alice", "image/png", bytes("pixels"));
    String body =
        "{\"command\":\"get\",\"list\":[{\"media_sid\":\""
            + media.getString("sid")
            + "\"},{\"media_sid\":\"ME"
            + "0".repeat(32)
            + "\"}]}";

    JsonPath answer =
        mcs.as("alice")
            .contentType("application/json")
            .body(body)
            .post("/v1/Services/" + mcs.serviceSid() + "/MediaSet")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getInt("[0].code")).isEqualTo(200);
    assertThat(answer.getString("[0].media_record.sid")).isEqualTo(media.getString("sid"));
    assertThat(answer.getString("[0].media_record.links.content_direct_temporary")).isNotBlank();
    assertThat(answer.getInt("[1].code")).isEqualTo(404);
  }

  @Test
  void answers_the_sdk_preflight_for_its_token_header() {
    server
        .unchecked()
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-twilio-token,content-type")
        .options(mcs.media())
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", "*");
  }

  @Test
  void a_participant_reads_an_attached_medium_and_a_stranger_does_not() {
    String conversation = new ConversationFixtures(server).conversationWith("alice", "bob");
    JsonPath media = mcs.uploadAs("alice", "image/png", bytes("shared"));
    server
        .api()
        .formParam("Author", "alice")
        .formParam("MediaSid", media.getString("sid"))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
    String content = mcs.media() + "/" + media.getString("sid") + "/Content";

    mcs.as("bob").get(content).then().statusCode(200).body(equalTo("shared"));
    mcs.as("mallory").get(content).then().statusCode(404);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String relative(String absolute) {
    URI uri = URI.create(absolute);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }
}
