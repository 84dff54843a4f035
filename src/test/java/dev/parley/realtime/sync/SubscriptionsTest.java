package dev.parley.realtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessGrant;
import dev.parley.realtime.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out of committed Sync changes to the sessions subscribed to their objects. */
class SubscriptionsTest {
  private static final String LIST = "ES0123456789abcdef0123456789abcdef";

  @Test
  void an_event_for_ten_subscribers_is_written_once_and_sent_to_each() throws Exception {
    Subscriptions subscriptions = new Subscriptions();
    List<RecordingSession> sessions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RecordingSession session = new RecordingSession("session-" + i);
      subscriptions.subscribe(session, LIST, 0L).establish(List.of(), SyncKind.LIST, 0, i);
      session.sent.clear(); // the establishment
      sessions.add(session);
    }
    ObjectNode body = SyncJson.JSON.createObjectNode().put("list_sid", LIST).put("id", 1);
    SyncEvent event = new SyncEvent(LIST, SyncKind.LIST, 1, "list_item_added", body);

    subscriptions.deliver(event);

    byte[] first = sessions.get(0).sent.get(0);
    assertThat(SyncJson.JSON.readTree(first))
        .isEqualTo(SyncJson.JSON.readTree(SyncJson.bytes(event.payload())));
    for (RecordingSession session : sessions) {
      assertThat(session.sent).hasSize(1);
      assertThat(session.sent.get(0)).isSameAs(first);
    }
  }

  /** A session that keeps the payloads it was asked to send. */
  private static final class RecordingSession implements Session {
    final List<byte[]> sent = new ArrayList<>();
    private final String id;

    RecordingSession(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public AccessGrant grant() {
      return new AccessGrant("AC1", "IS1", id, "SK1", null);
    }

    @Override
    public void notify(String messageType, Object payload) {
      notify(messageType, payload, null);
    }

    @Override
    public void notify(String messageType, Object payload, Runnable whenAcknowledged) {
      sent.add(SyncJson.bytes(SyncJson.JSON.valueToTree(payload)));
    }

    @Override
    public void notifyWritten(String messageType, byte[] payload, Runnable whenAcknowledged) {
      sent.add(payload);
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void reconnect(String why) {}
  }
}
