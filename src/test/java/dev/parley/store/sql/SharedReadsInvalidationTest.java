package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a node keeps when other nodes write the same database: only what it read after the last
 * message that could have changed it, and only while it hears those messages.
 */
class SharedReadsInvalidationTest {
  private static final String KIND = "services";
  private static final String KEY = "AC1/IS1";

  private final SharedReads shared = new SharedReads((tx, message) -> {});

  @Test
  void a_value_read_by_a_transaction_that_began_before_a_message_is_not_kept() {
    shared.hearing(true);
    long began = shared.generation();

    shared.heard(SharedReads.ALL);
    shared.keep(KIND, KEY, Optional.of("read before the change was heard"), began);

    assertThat(shared.get(KIND, KEY)).isNull();
  }

  @Test
  void a_value_read_by_a_transaction_that_began_before_a_message_naming_its_key_is_not_kept() {
    shared.hearing(true);
    long began = shared.generation();

    shared.heard("conversation_webhooks CH1");
    shared.keep("conversation_webhooks", "CH1", Optional.of("read before"), began);

    assertThat(shared.get("conversation_webhooks", "CH1")).isNull();
  }

  @Test
  void a_message_drops_what_was_kept() {
    shared.hearing(true);
    shared.keep(KIND, KEY, Optional.of("old"), shared.generation());
    assertThat(shared.get(KIND, KEY)).isEqualTo(Optional.of("old"));

    shared.heard(SharedReads.ALL);

    assertThat(shared.get(KIND, KEY)).isNull();
  }

  @Test
  void a_message_naming_one_key_drops_that_key_alone() {
    shared.hearing(true);
    shared.keep("conversation_webhooks", "CH1", Optional.of("one"), shared.generation());
    shared.keep("conversation_webhooks", "CH2", Optional.of("two"), shared.generation());

    shared.heard("conversation_webhooks CH1");

    assertThat(shared.get("conversation_webhooks", "CH1")).isNull();
    assertThat(shared.get("conversation_webhooks", "CH2")).isEqualTo(Optional.of("two"));
  }

  @Test
  void nothing_is_kept_before_the_node_hears_the_messages() {
    shared.keep(KIND, KEY, Optional.of("unheard"), shared.generation());

    assertThat(shared.get(KIND, KEY)).isNull();
  }

  @Test
  void losing_the_messages_drops_everything_and_keeps_nothing_until_they_are_heard_again() {
    shared.hearing(true);
    shared.keep(KIND, KEY, Optional.of("old"), shared.generation());

    shared.hearing(false);
    shared.keep(KIND, "other", Optional.of("while deaf"), shared.generation());

    assertThat(shared.get(KIND, KEY)).isNull();
    assertThat(shared.get(KIND, "other")).isNull();
    shared.hearing(true);
    assertThat(shared.get(KIND, KEY)).isNull();
  }
}
