package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Change.UserChanged;
import dev.parley.store.UserRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event is about the kind of change its type names, and a listener reads it as that kind. */
class EventChangeTest {
  private static final UserRecord USER =
      new UserRecord("US1", "AC1", "IS1", "alice", null, "{}", "RL1", Instant.EPOCH, Instant.EPOCH);

  @Test
  void an_event_refuses_a_change_of_another_kind_than_its_type() {
    UserChanged change = new UserChanged(USER, false);

    assertThatThrownBy(() -> event(EventType.MESSAGE_ADDED, change))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_listener_reads_the_change_as_its_kind_and_no_other() {
    Event event = event(EventType.USER_ADDED, new UserChanged(USER, true));

    assertThat(event.change(UserChanged.class).newIdentity()).isTrue();
    assertThatThrownBy(() -> event.change(MessageAdded.class))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_user_change_takes_turns_with_the_user_alone() {
    UserChanged change = new UserChanged(USER, false);

    assertThat(change.conversationSid()).isNull();
    assertThat(change.turn()).isEqualTo("US1");
  }

  private static Event event(EventType type, Change change) {
    return new Event(1, type, "AC1", "IS1", null, Origin.API, Map.of(), Instant.EPOCH, change);
  }
}
