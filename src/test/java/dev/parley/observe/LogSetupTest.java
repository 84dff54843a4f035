package dev.parley.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import dev.parley.testing.NoStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@NoStore
class LogSetupTest {
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void clearLevel() {
    System.clearProperty("PARLEY_LOG_LEVEL");
    context.stop();
  }

  @Test
  void logs_parleys_line_to_standard_error_at_info() {
    LogSetup.setUp(context);

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(stderr.getTarget()).isEqualTo("System.err");
    assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
        .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n");
  }

  @Test
  void keeps_the_libraries_at_warn() {
    LogSetup.setUp(context);

    assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("com.zaxxer.hikari.pool").getEffectiveLevel())
        .isEqualTo(Level.WARN);
  }

  @Test
  void parley_log_level_sets_the_level() {
    System.setProperty("PARLEY_LOG_LEVEL", "debug");

    LogSetup.setUp(context);

    assertThat(context.getLogger("dev.parley").getEffectiveLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void steps_aside_for_a_logback_file_on_the_class_path() {
    // The tests' own logback-test.xml is on the class path.
    assertThat(new LogSetup().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
  }
}
