package dev.parley.media;

import static dev.parley.testing.SyncSteps.get;
import static dev.parley.testing.SyncSteps.messagesList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import dev.parley.testing.TwilsockClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the SDK is told about media over the realtime endpoint: the limits in its configuration
 * (those this server enforces, here not the defaults) and the {@code medias} of a message item.
 */
class RealtimeMediaTest {
  private static final MediaLimits LIMITS =
      new MediaLimits(
          3L << 20, 4, 5L << 20, List.of("image/*", "application/pdf"), MediaLimits.UNATTACHED_FOR);

  @RegisterExtension static final ParleyServer server = new ParleyServer().withMedia(LIMITS);
  private static MediaClient mcs;
  private static TwilioRestClient twilio;
  private static ConversationFixtures fixtures;

  @BeforeAll
  static void clients() {
    mcs = new MediaClient(server);
    twilio = TwilioClients.of(server);
    fixtures = new ConversationFixtures(server);
  }

  @Test
  void the_configuration_advertises_the_limits_the_server_enforces() {
    try (TwilsockClient ann = connected("ann-limits")) {
      JsonNode options = get(ann, "/Client/v2/Configuration").path("options");

      assertThat(options.path("media_attachments_count_limit").intValue()).isEqualTo(4);
      assertThat(options.path("media_attachment_size_limit_in_mb").intValue()).isEqualTo(3);
      assertThat(options.path("media_attachments_total_size_limit_in_mb").intValue()).isEqualTo(5);
      assertThat(options.path("media_attachments_accepted_types"))
          .extracting(JsonNode::asText)
          .containsExactly("image/*", "application/pdf");
    }
  }

  @Test
  void the_configuration_links_the_media_service_absolutely_on_parleys_origin() {
    try (TwilsockClient ann = connected("ann-links")) {
      JsonNode links = get(ann, "/Client/v2/Configuration").path("links");

      String media = server.baseUrl() + "/v1/Services/" + mcs.serviceSid() + "/Media";
      assertThat(links.path("media_service").asText()).isEqualTo(media);
      assertThat(links.path("media_set_service").asText()).isEqualTo(media + "Set");
    }
  }

  @Test
  void an_upload_of_a_type_not_accepted_is_refused_with_415() {
    mcs.as("ann-types")
        .contentType("text/html")
        .body("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
        .post(mcs.media())
        .then()
        .statusCode(415)
        .body("code", equalTo(20415))
        .body("status", equalTo(415));
  }

  @Test
  void an_upload_of_an_accepted_family_is_taken() {
    mcs.as("ann-types")
        .contentType("image/webp")
        .body(new byte[] {1, 2, 3})
        .post(mcs.media())
        .then()
        .statusCode(201);
  }

  @Test
  void a_message_item_carries_medias_in_the_sdks_camel_case() {
    try (TwilsockClient ann = connected("ann-medias")) {
      String conversation = fixtures.conversationWith("ann-medias");
      String media =
          mcs.uploadAs("ann-medias", "image/png", "pixels".getBytes(StandardCharsets.UTF_8))
              .getString("sid");
      Message.creator(conversation).setAuthor("ann-medias").setMediaSid(media).create(twilio);
      String list = messagesList(ann, mcs.serviceSid(), "ann-medias", conversation);

      JsonNode data = get(ann, "/v3/Lists/" + list + "/Items").path("items").get(0).path("data");

      assertThat(data.path("type").asText()).isEqualTo("media");
      JsonNode item = data.path("medias").get(0);
      assertThat(item.path("sid").asText()).isEqualTo(media);
      assertThat(item.path("contentType").asText()).isEqualTo("image/png");
      assertThat(item.path("filename").asText()).isEqualTo("file.bin");
      assertThat(item.path("size").intValue()).isEqualTo(6);
      assertThat(item.path("category").asText()).isEqualTo("media");
      assertThat(item.has("content_type")).isFalse();
    }
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(mcs.token(identity));
    return client;
  }
}
