package dev.parley.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Parley's logging set-up, in code: one line per event on standard error, at the level {@code
 * PARLEY_LOG_LEVEL} names (INFO by default), libraries' chatter at WARN. Logback finds it through
 * {@code META-INF/services}; written as a {@code logback.xml}, the same set-up loaded and ran an
 * XML parser and about 600 classes at every start (docs/benchmarks.md, "Start-up"). A {@code
 * logback.xml} or {@code logback-test.xml} on the class path, or {@code
 * -Dlogback.configurationFile}, still wins: then this steps aside.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n";
  private static final Map<String, Level> LIBRARIES =
      Map.of("com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN, "io.netty", Level.WARN);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || resource("logback-test.xml")
        || resource("logback.xml")) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    setUp(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** What logback.xml said: standard error, Parley's line, the level, libraries at WARN. */
  static void setUp(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level());
    root.addAppender(stderr);
    LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  /**
   * PARLEY_LOG_LEVEL as a system property or in the environment (as logback.xml's ${…} read it).
   */
  static Level level() {
    String named = System.getProperty("PARLEY_LOG_LEVEL", System.getenv("PARLEY_LOG_LEVEL"));
    return Level.toLevel(named, Level.INFO);
  }

  private static boolean resource(String name) {
    return LogSetup.class.getClassLoader().getResource(name) != null;
  }
}
