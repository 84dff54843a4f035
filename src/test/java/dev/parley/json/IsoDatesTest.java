package dev.parley.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@NoStore
class IsoDatesTest {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void each_spelling_is_the_jdks_for_every_kind_of_instant() {
    for (Instant instant : instants()) {
      assertThat(IsoDates.iso(instant)).as("iso %s", instant).isEqualTo(instant.toString());
      assertThat(IsoDates.seconds(instant))
          .as("seconds %s", instant)
          .isEqualTo(instant.truncatedTo(ChronoUnit.SECONDS).toString());
      assertThat(IsoDates.millis(instant))
          .as("millis %s", instant)
          .isEqualTo(MILLIS.format(instant));
    }
  }

  /** Edges (epoch, leap days, centuries, the last four-digit year, outside it) and random ones. */
  private static List<Instant> instants() {
    List<Instant> all = new ArrayList<>();
    for (String text :
        List.of(
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:00:00.001Z",
            "1969-12-31T23:59:59.999Z",
            "2000-02-29T12:34:56.789Z",
            "2100-02-28T23:59:59Z",
            "2100-03-01T00:00:00.000100Z",
            "2400-02-29T01:02:03.000000004Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z",
            "-0001-06-15T10:00:00.5Z")) {
      all.add(Instant.parse(text));
    }
    SplittableRandom random = new SplittableRandom(16);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      all.add(Instant.ofEpochSecond(seconds, nanos));
    }
    return all;
  }
}
