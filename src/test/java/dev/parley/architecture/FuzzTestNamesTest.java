package dev.parley.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code @FuzzTest} sits in a class named {@code …FuzzTest}: the pom's execution {@code fuzz}
 * runs only those classes (in a JVM of their own, for Jazzer's agent), and the other executions
 * leave out Jazzer's tag, so a fuzz test in a class named otherwise would run nowhere
 * (docs/testing.md). Read from the sources: cheaper than importing every class.
 */
@NoStore
class FuzzTestNamesTest {
  private static final Path TESTS = Path.of("src/test/java");

  /** The annotation on a method, not a mention of it in a comment. */
  private static final Pattern FUZZ_TEST = Pattern.compile("(?m)^\\s*@FuzzTest\\b");

  @Test
  void every_fuzz_test_is_in_a_class_named_fuzz_test() throws IOException {
    List<Path> withFuzzTests;
    try (Stream<Path> files = Files.walk(TESTS)) {
      withFuzzTests =
          files.filter(file -> file.toString().endsWith(".java")).filter(this::fuzzes).toList();
    }

    assertThat(withFuzzTests).isNotEmpty();
    assertThat(withFuzzTests)
        .allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith("FuzzTest.java"));
  }

  private boolean fuzzes(Path file) {
    try {
      return FUZZ_TEST.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
