package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.SecretBox;
import dev.parley.http.PublicUrl;
import dev.parley.ids.RandomSids;
import dev.parley.media.MediaLimits;
import dev.parley.store.Store;
import dev.parley.testing.ParleyServer;
import dev.parley.webhooks.DeliverySettings;
import dev.parley.webhooks.OutboundRule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A start on a store already set up (a restart, the common start) writes nothing: the first-start
 * set-up (the account, its default chat address, the Webchat Flow) reads first and finds it done. A
 * write there made every start wait for the store's writer and its commit, and on PostgreSQL for a
 * writer connection still being opened (docs/benchmarks.md, "Start-up").
 */
class RestartWritesNothingTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void the_first_start_set_up_only_reads_on_a_store_already_set_up() {
    Parley parley = server.parley();
    Store store = refusingWrites(parley.store());
    Wiring wiring =
        Wiring.wire(
            store,
            Clock.systemUTC(),
            new RandomSids(),
            new SecretBox(new byte[32]),
            DeliverySettings.DEFAULT,
            new PublicUrl(),
            OutboundRule.DEFAULT,
            MediaLimits.DEFAULT);

    Bootstrap.Result bootstrap =
        Bootstrap.run(
            new Config("127.0.0.1", 0, Path.of("unused"), null, null, null, null, null),
            store,
            wiring.accounts(),
            wiring.addresses(),
            wiring.webchatDeployments(),
            new RandomSids());

    assertThat(bootstrap).isNull();
    assertThat(wiring.studio().webchatFlow().ensure(parley.bootstrappedAccountSid())).isEmpty();
  }

  /** {@code store}, except that a write fails the test. */
  private static Store refusingWrites(Store store) {
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              if (method.getName().equals("write")) {
                throw new AssertionError("a start on a store already set up wrote to it");
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
