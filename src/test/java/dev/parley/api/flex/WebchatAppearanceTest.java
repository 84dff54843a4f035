package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.DEPLOYMENTS;
import static dev.parley.api.flex.WebchatFixtures.ORIGIN;
import static dev.parley.api.flex.WebchatFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment's widget look (docs/widget.md, "Branding"): set and cleared through {@code
 * /parley/v1/WebchatDeployments}, each value checked, and read by the widget with its key.
 */
class WebchatAppearanceTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String FIELDS =
      "[{\"key\":\"email\",\"label\":\"Work e-mail\",\"required\":true},"
          + "{\"key\":\"orderNumber\",\"label\":\"Order number\"}]";

  private static JsonPath branded() {
    return deployment(
        server,
        "Color",
        "#FFD400",
        "Title",
        "Acme Support",
        "Greeting",
        "Hi! Ask us anything.",
        "LogoUrl",
        "https://cdn.acme.example/logo.png",
        "LauncherPosition",
        "left",
        "Availability",
        "We reply in a few minutes",
        "PreEngagementFields",
        FIELDS,
        "Sound",
        "true");
  }

  private static Response update(String sid, String... params) {
    var request = server.api();
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    return request.post(DEPLOYMENTS + "/" + sid);
  }

  private static Response look(String key, String origin) {
    var request = server.unchecked().formParams(Map.of("DeploymentKey", key));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return request.post("/parley/v1/Webchat/Appearance");
  }

  @Test
  void a_deployment_keeps_the_widget_look_it_was_created_with() {
    JsonPath created = branded();

    JsonPath fetched =
        server
            .api()
            .get(DEPLOYMENTS + "/" + created.getString("sid"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    for (JsonPath d : new JsonPath[] {created, fetched}) {
      Map<String, Object> appearance = d.get("appearance");
      assertThat(appearance)
          .containsEntry("color", "#ffd400")
          .containsEntry("title", "Acme Support")
          .containsEntry("greeting", "Hi! Ask us anything.")
          .containsEntry("logo_url", "https://cdn.acme.example/logo.png")
          .containsEntry("launcher_position", "left")
          .containsEntry("availability", "We reply in a few minutes")
          .containsEntry("sound", true);
      assertThat(d.getList("appearance.pre_engagement_fields", Map.class))
          .containsExactly(
              Map.of("key", "email", "label", "Work e-mail", "required", true),
              Map.of("key", "orderNumber", "label", "Order number", "required", false));
    }
  }

  @Test
  void a_deployment_without_a_look_shows_every_value_unset() {
    Map<String, Object> appearance = deployment(server).get("appearance");
    appearance.forEach(
        (name, value) -> {
          if (name.equals("sound")) {
            assertThat(value).isEqualTo(false);
          } else if (name.equals("pre_engagement_fields")) {
            assertThat((Iterable<?>) value).isEmpty();
          } else {
            assertThat(value).as(name).isNull();
          }
        });
  }

  @Test
  void an_update_keeps_what_it_leaves_out_and_clears_what_it_sends_empty() {
    String sid = branded().getString("sid");

    update(sid, "Title", "Acme Help", "LogoUrl", "", "PreEngagementFields", "")
        .then()
        .statusCode(200)
        .body("appearance.title", equalTo("Acme Help"))
        .body("appearance.logo_url", nullValue())
        .body("appearance.pre_engagement_fields", empty())
        .body("appearance.color", equalTo("#ffd400"))
        .body("appearance.availability", equalTo("We reply in a few minutes"))
        .body("appearance.sound", equalTo(true));
  }

  @Test
  void refuses_a_colour_that_is_not_rrggbb() {
    String sid = deployment(server).getString("sid");

    for (String color : new String[] {"red", "#fff", "#12345g", "#1234567"}) {
      update(sid, "Color", color)
          .then()
          .statusCode(400)
          .body("code", equalTo(20001))
          .body("status", equalTo(400))
          .body("message", containsString("Color"))
          .body("more_info", containsString("20001"));
    }
  }

  @Test
  void refuses_a_logo_that_is_not_an_https_url_without_credentials() {
    String sid = deployment(server).getString("sid");

    for (String logo :
        new String[] {
          "javascript:alert(1)",
          "http://cdn.acme.example/logo.png",
          "https://user:secret@cdn.acme.example/logo.png",
          "/logo.png",
          "data:image/png;base64,AAAA"
        }) {
      update(sid, "LogoUrl", logo)
          .then()
          .statusCode(400)
          .body("code", equalTo(20001))
          .body("message", containsString("LogoUrl"));
    }
  }

  @Test
  void refuses_a_launcher_position_other_than_left_or_right() {
    update(deployment(server).getString("sid"), "LauncherPosition", "top")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("LauncherPosition"));
  }

  @Test
  void refuses_texts_that_are_too_long_or_hold_control_characters() {
    String sid = deployment(server).getString("sid");

    update(sid, "Title", "x".repeat(65)).then().statusCode(400).body("code", equalTo(20001));
    update(sid, "Availability", "Online\u0007").then().statusCode(400).body("code", equalTo(20001));
  }

  @Test
  void refuses_pre_engagement_fields_that_the_widget_could_not_show() {
    String sid = deployment(server).getString("sid");
    String eleven =
        "["
            + String.join(
                ",",
                java.util.stream.IntStream.range(0, 11)
                    .mapToObj(i -> "{\"key\":\"f" + i + "\",\"label\":\"F\"}")
                    .toList())
            + "]";

    for (String fields :
        new String[] {
          "not json",
          "{\"key\":\"email\"}",
          "[{\"key\":\"1st\",\"label\":\"First\"}]",
          "[{\"key\":\"email\"}]",
          "[{\"key\":\"email\",\"label\":\"\"}]",
          "[{\"key\":\"email\",\"label\":\"E\",\"required\":\"yes\"}]",
          "[{\"key\":\"email\",\"label\":\"E\"},{\"key\":\"email\",\"label\":\"F\"}]",
          eleven
        }) {
      update(sid, "PreEngagementFields", fields)
          .then()
          .statusCode(400)
          .body("code", equalTo(20001))
          .body("message", containsString("PreEngagementFields"));
    }
  }

  @Test
  void the_widget_reads_the_look_with_its_deployment_key_from_an_allowed_origin() {
    String key = branded().getString("deployment_key");

    look(key, ORIGIN)
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ORIGIN)
        .body("color", equalTo("#ffd400"))
        .body("title", equalTo("Acme Support"))
        .body("launcher_position", equalTo("left"))
        .body("pre_engagement_fields.key", contains("email", "orderNumber"))
        .body("sound", equalTo(true));
  }

  @Test
  void the_look_is_refused_to_another_origin_and_to_an_unknown_key_without_a_basic_challenge() {
    String key = branded().getString("deployment_key");

    look(key, "https://evil.example")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .header("Access-Control-Allow-Origin", nullValue());
    look("0123456789abcdef0123456789abcdef", ORIGIN)
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .header("WWW-Authenticate", nullValue());
  }

  @Test
  void another_account_cannot_change_a_deployments_look() {
    String sid = branded().getString("sid");
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
        .as(other.getString("sid"), other.getString("auth_token"))
        .formParam("Title", "Hijacked")
        .post(DEPLOYMENTS + "/" + sid)
        .then()
        .statusCode(404);
    server
        .api()
        .get(DEPLOYMENTS + "/" + sid)
        .then()
        .body("appearance.title", equalTo("Acme Support"));
  }
}
