package dev.parley.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BannerTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000002";
  private static final String TOKEN = "banner-test-token";
  private static Parley parley;
  private static Config config;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("parley-banner");
    config = new Config("127.0.0.1", 0, dir, null, ACCOUNT, TOKEN, null);
    parley = Parley.start(config);
  }

  @AfterAll
  static void stop() {
    parley.close();
  }

  @Test
  void prints_the_default_chat_address_and_a_web_chat_curl_for_it() {
    String text = Banner.text(parley, config, 1);

    Matcher address = Pattern.compile("Default chat address  (IG[0-9a-f]{32})").matcher(text);
    assertThat(address.find()).isTrue();
    String sid = address.group(1);
    assertThat(text)
        .contains(
            "  curl -u "
                + ACCOUNT
                + ":$PARLEY_AUTH_TOKEN "
                + parley.publicUrl()
                + "/v2/WebChats \\\n"
                + "    -d AddressSid="
                + sid
                + " \\\n"
                + "    -d ChatFriendlyName=Webchat -d CustomerFriendlyName=Ann \\\n"
                + "    --data-urlencode 'PreEngagementData={\"friendlyName\":\"Ann\"}'");
    given()
        .auth()
        .preemptive()
        .basic(ACCOUNT, TOKEN)
        .get(parley.publicUrl() + "/v1/Configuration/Addresses/" + sid)
        .then()
        .statusCode(200)
        .body("type", equalTo("chat"))
        .body("auto_creation.enabled", equalTo(true))
        .body("auto_creation.type", equalTo("default"));
  }
}
