package dev.parley.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.conversations.v1.Conversation;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API keys driven by twilio-java, and a client initialised Twilio.init(keySid, secret, account).
 */
class KeysTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  private TwilioRestClient keyClient(NewKey key) {
    return TwilioClients.of(server, key.getSid(), key.getSecret(), ParleyServer.ACCOUNT_SID);
  }

  @Test
  void creates_a_key_whose_client_uses_conversations() {
    NewKey key = NewKey.creator().setFriendlyName("backend").create(twilio());

    Conversation created = Conversation.creator().setFriendlyName("by key").create(keyClient(key));

    assertThat(key.getSid()).startsWith("SK");
    assertThat(key.getSecret()).hasSize(32);
    assertThat(key.getFriendlyName()).isEqualTo("backend");
    assertThat(created.getAccountSid()).isEqualTo(ParleyServer.ACCOUNT_SID);
  }

  @Test
  void fetches_and_renames_a_key() {
    NewKey key = NewKey.creator().setFriendlyName("before").create(twilio());

    Key renamed = Key.updater(key.getSid()).setFriendlyName("after").update(twilio());
    Key fetched = Key.fetcher(key.getSid()).fetch(twilio());

    assertThat(renamed.getFriendlyName()).isEqualTo("after");
    assertThat(fetched.getFriendlyName()).isEqualTo("after");
    assertThat(fetched.getDateCreated()).isEqualTo(key.getDateCreated());
  }

  @Test
  void deletes_a_key_which_then_stops_working() {
    NewKey key = NewKey.creator().create(twilio());
    Conversation.reader().read(keyClient(key)).forEach(c -> {});

    boolean deleted = Key.deleter(key.getSid()).delete(twilio());

    assertThat(deleted).isTrue();
    assertThatThrownBy(() -> Conversation.reader().read(keyClient(key)).forEach(c -> {}))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(401))
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20003));
  }

  @Test
  void reads_every_page_of_the_key_list() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(NewKey.creator().create(twilio()).getSid());
    }

    List<String> seen = new ArrayList<>();
    Key.reader().pageSize(2).read(twilio()).forEach(k -> seen.add(k.getSid()));

    assertThat(seen).containsSubsequence(created).doesNotHaveDuplicates();
  }

  @Test
  void a_key_client_may_not_create_keys() {
    NewKey key = NewKey.creator().create(twilio());

    assertThatThrownBy(() -> NewKey.creator().create(keyClient(key)))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20003));
  }
}
