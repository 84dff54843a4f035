package dev.parley.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.conversations.v1.Conversation;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts and sub-accounts driven by Twilio's unmodified Java helper library. */
class AccountsTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private TwilioRestClient twilio() {
    return TwilioClients.of(server);
  }

  @Test
  void fetches_the_clients_own_account() {
    Account account = Account.fetcher().fetch(twilio());

    assertThat(account.getSid()).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(account.getOwnerAccountSid()).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(account.getAuthToken()).isEqualTo(ParleyServer.AUTH_TOKEN);
    assertThat(account.getStatus()).isEqualTo(Account.Status.ACTIVE);
    assertThat(account.getType()).isEqualTo(Account.Type.FULL);
    assertThat(account.getSubresourceUris())
        .containsEntry("keys", "/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys.json");
    assertThat(Duration.between(account.getDateCreated(), ZonedDateTime.now()).abs())
        .isLessThan(Duration.ofHours(1));
  }

  @Test
  void creates_a_subaccount_that_works_with_its_own_client() {
    Account sub = Account.creator().setFriendlyName("Tenant").create(twilio());

    TwilioRestClient subClient =
        TwilioClients.of(server, sub.getSid(), sub.getAuthToken(), sub.getSid());
    Conversation created = Conversation.creator().setFriendlyName("theirs").create(subClient);

    assertThat(sub.getOwnerAccountSid()).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(sub.getFriendlyName()).isEqualTo("Tenant");
    assertThat(created.getAccountSid()).isEqualTo(sub.getSid());
  }

  @Test
  void suspends_and_closes_a_subaccount() {
    Account sub = Account.creator().create(twilio());

    Account suspended =
        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(twilio());
    Account closed =
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(twilio());

    assertThat(suspended.getStatus()).isEqualTo(Account.Status.SUSPENDED);
    assertThat(closed.getStatus()).isEqualTo(Account.Status.CLOSED);
    assertThatThrownBy(
            () -> Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20403));
  }

  @Test
  void renames_a_subaccount() {
    Account sub = Account.creator().setFriendlyName("old").create(twilio());

    Account renamed = Account.updater(sub.getSid()).setFriendlyName("new").update(twilio());

    assertThat(renamed.getFriendlyName()).isEqualTo("new");
  }

  @Test
  void reads_every_page_of_the_account_list() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(Account.creator().setFriendlyName("listed").create(twilio()).getSid());
    }

    List<String> seen = new ArrayList<>();
    Account.reader()
        .setFriendlyName("listed")
        .pageSize(2)
        .read(twilio())
        .forEach(a -> seen.add(a.getSid()));

    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void filters_the_account_list_by_status() {
    Account sub = Account.creator().create(twilio());
    Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(twilio());

    List<String> seen = new ArrayList<>();
    Account.reader()
        .setStatus(Account.Status.SUSPENDED)
        .read(twilio())
        .forEach(a -> seen.add(a.getSid()));

    assertThat(seen).contains(sub.getSid()).doesNotContain(ParleyServer.ACCOUNT_SID);
  }

  @Test
  void reports_an_unknown_account_as_20404() {
    assertThatThrownBy(() -> Account.fetcher("AC" + "e".repeat(32)).fetch(twilio()))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getStatusCode()).isEqualTo(404))
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20404));
  }
}
