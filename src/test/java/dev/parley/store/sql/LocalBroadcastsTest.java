package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.Broadcasts.Channel;
import dev.parley.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The embedded store's broadcasts, within its one process. */
class LocalBroadcastsTest {
  @Test
  void a_typed_channel_hands_its_listeners_the_value_sent_neither_encoded_nor_decoded()
      throws Exception {
    Channel<List<String>> channel =
        new Channel<>(
            "typed",
            value -> {
              throw new AssertionError("encoded");
            },
            text -> {
              throw new AssertionError("decoded");
            });
    List<String> sent = List.of("a", "b");
    CompletableFuture<List<String>> heard = new CompletableFuture<>();
    try (LocalBroadcasts broadcasts = new LocalBroadcasts()) {
      broadcasts.listen(channel, heard::complete);
      CommittingTx tx = new CommittingTx();
      broadcasts.send(tx, channel, () -> sent);
      tx.commit();

      assertThat(heard.get(5, TimeUnit.SECONDS)).isSameAs(sent);
    }
  }

  /** A transaction that only runs its after-commit actions when told it committed. */
  private static final class CommittingTx implements Tx {
    private final List<Runnable> afterCommit = new ArrayList<>();

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    @Override
    public void beforeCommit(Runnable action) {
      action.run();
    }

    @Override
    public <T> T memo(Object key, Supplier<T> make) {
      return make.get();
    }

    void commit() {
      afterCommit.forEach(Runnable::run);
    }
  }
}
