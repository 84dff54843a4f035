package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When media go (docs/media.md): an upload no message attached within {@link
 * MediaLimits#unattachedFor} is swept, and deleting a conversation or a service deletes its media's
 * bytes, on either store (files in the data directory, or {@code media_chunks} rows).
 */
class MediaSweepTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension static final ParleyServer server = new ParleyServer();
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
  void an_upload_left_unattached_past_the_limit_is_swept_with_its_bytes() throws Exception {
    String media = upload("forgotten");
    assertThat(bytesStored(media)).isTrue();

    server.clock().advance(MediaLimits.UNATTACHED_FOR.plusMinutes(1));

    await().atMost(WAIT).until(() -> !bytesStored(media));
    mcs.asAccount().get(mcs.media() + "/" + media).then().statusCode(404);
  }

  @Test
  void an_upload_within_the_limit_stays_while_an_older_one_goes() throws Exception {
    String older = upload("older");
    server.clock().advance(Duration.ofMinutes(30));
    String recent = upload("recent");

    server.clock().advance(MediaLimits.UNATTACHED_FOR.minusMinutes(29));

    await().atMost(WAIT).until(() -> !bytesStored(older));
    assertThat(bytesStored(recent)).isTrue();
    mcs.asAccount().get(mcs.media() + "/" + recent).then().statusCode(200);
  }

  @Test
  void attached_media_are_never_swept_as_unattached() throws Exception {
    String conversation = fixtures.conversationWith("alice");
    String attached = upload("kept");
    Message.creator(conversation).setAuthor("alice").setMediaSid(attached).create(twilio);
    String unattached = upload("swept");

    server.clock().advance(MediaLimits.UNATTACHED_FOR.multipliedBy(3));

    await().atMost(WAIT).until(() -> !bytesStored(unattached));
    assertThat(bytesStored(attached)).isTrue();
  }

  @Test
  void deleting_a_message_deletes_its_medias_bytes() throws Exception {
    String conversation = fixtures.conversationWith("alice");
    String media = upload("message");
    String message =
        Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio).getSid();

    Message.deleter(conversation, message).delete(twilio);

    await().atMost(WAIT).until(() -> !bytesStored(media));
    assertThat(trashed()).isZero();
  }

  @Test
  void deleting_a_conversation_deletes_its_medias_bytes() throws Exception {
    String conversation = fixtures.conversationWith("alice");
    String media = upload("conversation");
    Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio);

    Conversation.deleter(conversation).delete(twilio);

    await().atMost(WAIT).until(() -> !bytesStored(media) && trashed() == 0);
    mcs.asAccount().get(mcs.media() + "/" + media).then().statusCode(404);
  }

  @Test
  void deleting_a_service_deletes_its_medias_bytes() throws Exception {
    String service =
        server
            .api()
            .formParam("FriendlyName", "short-lived")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String media =
        mcs.asAccount()
            .contentType("image/png")
            .body("in a service".getBytes(StandardCharsets.UTF_8))
            .post("/v1/Services/" + service + "/Media")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    server.api().delete("/v1/Services/" + service).then().statusCode(204);

    await().atMost(WAIT).until(() -> !bytesStored(media) && trashed() == 0);
  }

  private static String upload(String text) {
    return mcs.upload("text/plain", text.getBytes(StandardCharsets.UTF_8)).getString("sid");
  }

  /** Whether the store still holds bytes of {@code media}: its file, or its chunk rows. */
  private static boolean bytesStored(String media) throws Exception {
    if (!server.onPostgres()) {
      return Files.exists(server.dataDir().resolve("media").resolve(media));
    }
    return count("SELECT count(*) FROM media_chunks WHERE media_sid = ?", media) > 0;
  }

  private static long trashed() throws Exception {
    return count("SELECT count(*) FROM media_trash WHERE media_sid <> ?", "");
  }

  private static long count(String sql, String parameter) throws Exception {
    try (Connection c = server.connect();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
