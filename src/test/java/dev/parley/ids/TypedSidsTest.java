package dev.parley.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedSidsTest {
  private final RandomSids sids = new RandomSids();

  @Test
  void a_service_sid_cannot_stand_for_an_account() {
    String service = sids.next(SidPrefix.SERVICE);

    assertThatThrownBy(() -> new AccountSid(service)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_account_sid_cannot_stand_for_a_service() {
    String account = sids.next(SidPrefix.ACCOUNT);

    assertThatThrownBy(() -> new ServiceSid(account)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_typed_sid_prints_as_the_sid() {
    String account = sids.next(SidPrefix.ACCOUNT);

    assertThat("account=" + new AccountSid(account)).isEqualTo("account=" + account);
  }

  @Test
  void a_typed_sid_renders_as_the_bare_sid_in_json() throws Exception {
    String service = sids.next(SidPrefix.SERVICE);

    String json = Json.MAPPER.writeValueAsString(Map.of("service_sid", new ServiceSid(service)));

    assertThat(json).isEqualTo("{\"service_sid\":\"" + service + "\"}");
  }

  @Test
  void absent_stays_absent() {
    assertThat(AccountSid.of(null)).isNull();
    assertThat(ServiceSid.of(null)).isNull();
  }
}
