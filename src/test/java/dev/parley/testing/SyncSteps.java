package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.realtime.TwilsockFrame;

/** The steps a Sync client takes, tunnelled through a {@link TwilsockClient}, for tests. */
public final class SyncSteps {
  private SyncSteps() {}

  /** A tunnelled GET that must answer 200; its JSON body. */
  public static JsonNode get(TwilsockClient client, String path) {
    TwilsockFrame reply = client.awaitReply(client.request("GET", path, null, null));
    assertThat(httpStatus(reply)).as(path).isEqualTo(200);
    return TwilsockClient.body(reply);
  }

  public static int httpStatus(TwilsockFrame reply) {
    return reply.header().path("http_status").path("code").intValue();
  }

  /** The messages list of {@code conversation}, as its member {@code identity} is told. */
  public static String messagesList(
      TwilsockClient client, String serviceSid, String identity, String conversation) {
    return get(
            client,
            "/Client/v2/Services/"
                + serviceSid
                + "/Users/"
                + identity
                + "/Conversations/"
                + conversation)
        .path("sync_objects")
        .path("messages")
        .asText();
  }

  /**
   * Asks to subscribe to one object from {@code lastEventId}; the answer must be 202 (accepted: the
   * establishment follows it); the answer frame.
   */
  public static TwilsockFrame requestSubscription(
      TwilsockClient client, String objectSid, String objectType, long lastEventId) {
    String body =
        "{\"event_protocol_version\":4,\"action\":\"establish\",\"correlation_id\":7,"
            + "\"requests\":[{\"object_sid\":\""
            + objectSid
            + "\",\"object_type\":\""
            + objectType
            + "\",\"last_event_id\":"
            + lastEventId
            + "}]}";
    TwilsockFrame reply =
        client.awaitReply(client.request("POST", "/v4/Subscriptions", null, body));
    assertThat(httpStatus(reply)).isEqualTo(202);
    return reply;
  }

  /** Subscribes and waits until the subscription is established (its replay sent). */
  public static void subscribe(
      TwilsockClient client, String objectSid, String objectType, long lastEventId) {
    requestSubscription(client, objectSid, objectType, lastEventId);
    client.await(frame -> eventType(frame).equals("subscription_established"));
  }

  /** A notification's {@code event_type}, or "" for any other frame. */
  public static String eventType(TwilsockFrame frame) {
    return "notification".equals(frame.header().path("method").asText())
        ? TwilsockClient.body(frame).path("event_type").asText()
        : "";
  }

  /** The text of a message added to a list, or "" for any other frame. */
  public static String addedText(TwilsockFrame frame) {
    return eventType(frame).equals("list_item_added")
        ? TwilsockClient.body(frame).path("event").path("item_data").path("text").asText()
        : "";
  }
}
