package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.net.Networks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deny table and the allow-list, address by address (the wire tests show where they apply). */
class OutboundRuleTest {
  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3",
        "127.0.0.1",
        "127.255.255.254",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.255.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.255",
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "fc00::1",
        "fdff::1",
        "fe80::1",
        "febf::1",
        "fec0::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::1",
        "2002:7f00:1::1",
        "2002:a00:1::"
      })
  void refuses_internal_addresses_by_default(String literal) {
    assertThat(OutboundRule.DEFAULT.refusal(address(literal)))
        .endsWith("; allow it with PARLEY_WEBHOOK_ALLOW_NETWORKS");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "172.32.0.1",
        "172.15.255.255",
        "100.128.0.1",
        "192.169.0.1",
        "203.0.113.7",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2001:db8::1",
        "64:ff9b::808:808",
        "2002:808:808::1"
      })
  void calls_public_addresses(String literal) {
    assertThat(OutboundRule.DEFAULT.refusal(address(literal))).isNull();
  }

  @Test
  void an_ipv6_address_that_embeds_an_internal_ipv4_one_says_so() {
    assertThat(OutboundRule.DEFAULT.refusal(address("64:ff9b::a9fe:a9fe")))
        .isEqualTo(
            "address 64:ff9b::a9fe:a9fe embeds 169.254.169.254, which is link-local (where cloud"
                + " metadata services answer) (169.254.0.0/16); allow it with"
                + " PARLEY_WEBHOOK_ALLOW_NETWORKS");
  }

  @Test
  void the_allow_list_lets_its_networks_through_and_only_those() {
    OutboundRule rule = OutboundRule.allowing(Networks.parse("127.0.0.0/8,::1/128,10.1.0.0/16"));

    assertThat(rule.refusal(address("127.0.0.1"))).isNull();
    assertThat(rule.refusal(address("::1"))).isNull();
    assertThat(rule.refusal(address("::ffff:127.0.0.1"))).isNull();
    assertThat(rule.refusal(address("10.1.200.3"))).isNull();
    assertThat(rule.refusal(address("10.2.0.1"))).contains("in a private network (10.0.0.0/8)");
    assertThat(rule.refusal(address("169.254.169.254"))).contains("link-local");
  }

  @Test
  void a_host_is_refused_when_any_of_its_addresses_is() {
    OutboundRule rule =
        OutboundRule.DEFAULT.resolvingWith(
            host -> new InetAddress[] {address("203.0.113.7"), address("192.168.1.1")});

    assertThatThrownBy(() -> rule.vet("two.example"))
        .isInstanceOf(OutboundRule.Refused.class)
        .hasMessage(
            "host two.example resolves to 192.168.1.1, which is in a private network"
                + " (192.168.0.0/16); allow it with PARLEY_WEBHOOK_ALLOW_NETWORKS");
  }

  @Test
  void parses_a_list_of_cidr_blocks_with_spaces_and_bare_addresses() {
    Networks networks = Networks.parse(" 127.0.0.0/8 , ::1/128,192.0.2.10 ");

    assertThat(networks.toString()).isEqualTo("127.0.0.0/8,::1/128,192.0.2.10");
    assertThat(networks.contains(address("192.0.2.10"))).isTrue();
    assertThat(networks.contains(address("192.0.2.11"))).isFalse();
    assertThat(Networks.parse("").isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "::1/129", "10.0.0.0/x", "10.0.0.0/-1", "example.com/8"})
  void refuses_a_block_that_is_not_cidr(String block) {
    assertThatThrownBy(() -> Networks.parse("127.0.0.0/8," + block))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + block + "'");
  }
}
