package dev.parley.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomSidsTest {
  private final RandomSids sids = new RandomSids();

  @Test
  void a_sid_is_the_prefix_and_32_lower_case_hex_digits() {
    assertThat(sids.next(SidPrefix.CONVERSATION)).matches("CH[0-9a-f]{32}");
  }

  @Test
  void a_sid_made_later_sorts_after_one_made_earlier() throws InterruptedException {
    String earlier = sids.next(SidPrefix.CONVERSATION);
    Thread.sleep(2);
    String later = sids.next(SidPrefix.CONVERSATION);

    assertThat(later).isGreaterThan(earlier);
  }

  @Test
  void sids_made_in_the_same_millisecond_still_differ() {
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(sids.next(SidPrefix.USER));
    }

    assertThat(made).hasSize(10_000);
  }

  @Test
  void an_identity_is_a_version_7_uuid_that_starts_with_the_time() {
    long before = System.currentTimeMillis();
    UUID identity = UUID.fromString(sids.identity());

    assertThat(identity.version()).isEqualTo(7);
    assertThat(identity.variant()).isEqualTo(2);
    assertThat(identity.getMostSignificantBits() >>> 16)
        .isBetween(before, System.currentTimeMillis());
  }
}
