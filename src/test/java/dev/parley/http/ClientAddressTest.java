package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the per-client limits count a client by. */
class ClientAddressTest {
  @Test
  void keeps_an_ipv4_address_whole() {
    assertThat(ClientAddress.network("203.0.113.7")).isEqualTo("203.0.113.7");
  }

  @Test
  void counts_the_addresses_of_one_ipv6_slash_64_as_one() {
    assertThat(ClientAddress.network("2001:db8:1:2:3:4:5:6"))
        .isEqualTo(ClientAddress.network("2001:db8:1:2:ffff::1"))
        .isEqualTo("20010db800010002::/64");
    assertThat(ClientAddress.network("2001:db8:1:3::1"))
        .isNotEqualTo(ClientAddress.network("2001:db8:1:2::1"));
  }

  @Test
  void counts_an_ipv4_mapped_address_as_its_ipv4_client() {
    assertThat(ClientAddress.network("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientAddress.network("::ffff:203.0.113.8"))
        .isNotEqualTo(ClientAddress.network("::ffff:203.0.113.7"));
  }
}
