package dev.parley.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.testing.NoStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@NoStore
class BannerTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000002";
  private static final String TOKEN = "banner-test-token";
  private static Parley parley;
  private static Config config;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("parley-banner");
    config = new Config("127.0.0.1", 0, dir, null, ACCOUNT, TOKEN, null, null);
    parley = Parley.start(config);
  }

  @AfterAll
  static void stop() {
    parley.close();
  }

  @Test
  void prints_the_sid_of_the_default_chat_address() {
    String text = Banner.text(parley, config, 1);

    Matcher address = Pattern.compile("Default chat address  (IG[0-9a-f]{32})").matcher(text);
    assertThat(address.find()).isTrue();
    given()
        .auth()
        .preemptive()
        .basic(ACCOUNT, TOKEN)
        .get(parley.publicUrl() + "/v1/Configuration/Addresses/" + address.group(1))
        .then()
        .statusCode(200)
        .body("type", equalTo("chat"))
        .body("auto_creation.enabled", equalTo(true))
        // The first start points it at the default Webchat Flow (docs/studio.md).
        .body("auto_creation.type", equalTo("studio"))
        .body("auto_creation.studio_flow_sid", matchesPattern("FW[0-9a-f]{32}"));
  }

  @Test
  void prints_a_widget_demo_page_that_opens_for_the_bootstrapped_deployment() {
    String text = Banner.text(parley, config, 1);

    Matcher demo =
        Pattern.compile("\n  (http://\\S+/widget/demo\\?DeploymentKey=[0-9a-f]{32})\n")
            .matcher(text);
    assertThat(demo.find()).as(text).isTrue();
    given().get(demo.group(1)).then().statusCode(200).body(containsString("widget.js"));
  }

  @Test
  void the_add_agent_command_names_only_a_data_dir_the_commands_would_not_find_alone() {
    Config defaults =
        new Config(
            "127.0.0.1", 8080, StoreOptions.defaultDataDir(), null, ACCOUNT, TOKEN, null, null);

    assertThat(Banner.addAgent(defaults)).isEqualTo("./parley agents add bob --name \"Bob\"");
    assertThat(Banner.addAgent(config))
        .isEqualTo(
            "./parley agents add bob --name \"Bob\" --data-dir "
                + config.dataDir().toAbsolutePath());
  }

  @Test
  void after_a_restart_the_curl_commands_work_as_pasted_without_printing_the_token()
      throws Exception {
    Path dir = Files.createTempDirectory("parley banner restart");
    Config generated = new Config("127.0.0.1", 0, dir, null, null, null, null, null);
    String token;
    try (Parley first = Parley.start(generated)) {
      token = first.generatedAuthToken();
    }

    String text;
    try (Parley restarted = Parley.start(generated)) {
      RunningServer.record(generated, restarted);
      text = Banner.text(restarted, generated, 1);
      List<String> curls =
          text.lines().map(String::strip).filter(line -> line.startsWith("curl ")).toList();

      assertThat(curls).hasSizeGreaterThanOrEqualTo(2);
      for (String curl : curls) {
        assertThat(pasted(curl)).as("status of: %s", curl).matches("20[01]");
      }
    }
    assertThat(text).doesNotContain(token);
  }

  /**
   * Runs {@code command} in bash as a user pastes it, in a directory whose {@code ./parley} runs
   * this build's CLI, with no {@code PARLEY_*} variable set; returns curl's HTTP status.
   */
  private static String pasted(String command) throws Exception {
    Path repo = Files.createTempDirectory("parley-launcher");
    Path launcher = repo.resolve("parley");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' dev.parley.app.Main \"$@\"\n");
    launcher.toFile().setExecutable(true);
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", command + " -sS -o /dev/null -w '%{http_code}'")
            .directory(repo.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    Process run = builder.start();
    String status = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return status;
  }

  @Test
  void prints_a_one_line_web_chat_curl_for_the_address_once_web_chats_are_served() {
    Banner.Facts facts =
        new Banner.Facts(
            "http://localhost:8080",
            ACCOUNT,
            "shown",
            ACCOUNT + ":" + TOKEN,
            "IS00000000000000000000000000000001",
            "IG00000000000000000000000000000001",
            null,
            "./parley agents add bob --name \"Bob\"",
            true,
            1);

    String text = Banner.text(facts);

    assertThat(text)
        .contains(
            "\n  curl -u "
                + ACCOUNT
                + ":"
                + TOKEN
                + " http://localhost:8080/v2/WebChats"
                + " -d AddressSid=IG00000000000000000000000000000001"
                + " -d ChatFriendlyName=Webchat -d CustomerFriendlyName=Ann"
                + " --data-urlencode 'PreEngagementData={\"friendlyName\":\"Ann\"}'\n");
  }

  @Test
  void leaves_the_web_chat_curl_out_while_web_chats_are_not_served() {
    Banner.Facts facts =
        new Banner.Facts(
            "http://localhost:8080",
            ACCOUNT,
            "shown",
            ACCOUNT + ":" + TOKEN,
            "IS00000000000000000000000000000001",
            "IG00000000000000000000000000000001",
            null,
            "./parley agents add bob --name \"Bob\"",
            false,
            1);

    String text = Banner.text(facts);

    assertThat(text)
        .contains("Default chat address  IG00000000000000000000000000000001")
        .doesNotContain("/v2/WebChats");
  }
}
