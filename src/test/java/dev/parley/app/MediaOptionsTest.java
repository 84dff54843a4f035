package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.MediaLimits;
import dev.parley.testing.NoStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve}'s media options become the limits uploads and messages are held to. */
@NoStore
class MediaOptionsTest {
  private static MediaLimits parsed(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.mediaLimits();
  }

  @Test
  void without_options_the_limits_are_twilios() {
    assertThat(parsed()).isEqualTo(MediaLimits.DEFAULT);
  }

  @Test
  void each_media_option_sets_its_limit() {
    MediaLimits limits =
        parsed(
            "--media-max-file-mb", "5",
            "--media-max-per-message", "3",
            "--media-max-message-mb", "12",
            "--media-accepted-types", "image/*,application/PDF",
            "--media-unattached-minutes", "15");

    assertThat(limits.maxFileBytes()).isEqualTo(5L << 20);
    assertThat(limits.maxPerMessage()).isEqualTo(3);
    assertThat(limits.maxPerMessageBytes()).isEqualTo(12L << 20);
    assertThat(limits.acceptedTypes()).containsExactly("image/*", "application/pdf");
    assertThat(limits.unattachedFor()).isEqualTo(Duration.ofMinutes(15));
    assertThat(limits.accepts("image/png; name=x")).isTrue();
    assertThat(limits.accepts("text/html")).isFalse();
  }

  @Test
  void a_malformed_accepted_type_is_refused_naming_the_option() {
    assertThatThrownBy(() -> parsed("--media-accepted-types", "images"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--media-")
        .hasMessageContaining("images");
  }

  @Test
  void a_zero_size_limit_is_refused() {
    assertThatThrownBy(() -> parsed("--media-max-file-mb", "0"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
