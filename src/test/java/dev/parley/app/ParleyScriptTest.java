package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./parley} script on a machine that lacks a prerequisite: a copy of it with no jar
 * beside it (so it must build), run with a PATH that holds only the tools named. Also the options
 * it starts the JVM with, given a jar and a {@code java} that writes its arguments down.
 */
class ParleyScriptTest {
  private static final Path SCRIPT =
      Path.of(System.getProperty("parley.root", ".")).toAbsolutePath().resolve("parley");
  private static final List<String> BASICS = List.of("bash", "dirname", "awk", "head", "find");
  private Path repo;
  private Path bin;

  @BeforeEach
  void copyTheScript() throws Exception {
    repo = Files.createTempDirectory("parley-script");
    bin = Files.createDirectory(repo.resolve("bin"));
    Files.copy(SCRIPT, repo.resolve("parley"));
    repo.resolve("parley").toFile().setExecutable(true);
    for (String tool : BASICS) {
      link(tool);
    }
  }

  @Test
  void names_a_missing_java() throws Exception {
    String err = run();

    assertThat(err).contains("parley: no java on the PATH: Parley needs Java 17 or newer");
  }

  @Test
  void names_a_java_older_than_17() throws Exception {
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
    java.toFile().setExecutable(true);

    String err = run();

    assertThat(err)
        .contains(
            "parley: Parley needs Java 17 or newer; the java on the PATH is openjdk version"
                + " \"11.0.22\"");
  }

  @Test
  void names_a_missing_maven_before_building() throws Exception {
    link("java");

    String err = run();

    assertThat(err).contains("parley: no mvn on the PATH: building Parley needs Maven");
  }

  @Test
  void names_a_missing_node_before_building() throws Exception {
    link("java");
    link("mvn");

    String err = run();

    assertThat(err)
        .contains(
            "parley: no node on the PATH: building the visitor widget and the agent console"
                + " needs Node 20 or newer with npm");
  }

  @Test
  void
      starts_the_jvm_promoting_what_survives_one_young_collection_unless_PARLEY_JAVA_OPTS_says_otherwise()
          throws Exception {
    link("uname");
    Path built = Files.createDirectories(repo.resolve("target"));
    Files.createDirectories(repo.resolve("src/main"));
    Files.writeString(repo.resolve("pom.xml"), "");
    // Newer than the sources, and its class-data archive newer than it: nothing to build or record.
    Files.writeString(built.resolve("parley.jar"), "");
    Files.writeString(built.resolve("parley.jsa"), "");
    Files.setLastModifiedTime(
        built.resolve("parley.jsa"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Path arguments = repo.resolve("java-arguments");
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "case \"$1\" in -version) echo 'openjdk version \"17.0.15\" 2025-04-15' >&2; exit 0;; esac\n"
            + "printf '%s\\n' \"$@\" > '"
            + arguments
            + "'\n");
    java.toFile().setExecutable(true);

    ProcessBuilder builder =
        new ProcessBuilder(
            bin.resolve("bash").toString(), repo.resolve("parley").toString(), "serve");
    builder.environment().put("PATH", bin.toString());
    builder.environment().put("PARLEY_JAVA_OPTS", "-Xmx1g -XX:MaxTenuringThreshold=15");
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();

    List<String> args = Files.readAllLines(arguments);
    assertThat(args).contains("-XX:MaxTenuringThreshold=1");
    // The JVM takes the last of a repeated option: PARLEY_JAVA_OPTS can change the script's.
    assertThat(args.indexOf("-XX:MaxTenuringThreshold=1"))
        .isLessThan(args.indexOf("-XX:MaxTenuringThreshold=15"));
    assertThat(args.subList(args.indexOf("-jar"), args.size()))
        .containsExactly("-jar", built.resolve("parley.jar").toString(), "serve");
  }

  /** Links the machine's {@code tool} into the PATH the script gets. */
  private void link(String tool) throws Exception {
    Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
    String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(which.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(path).as("%s on this machine", tool).isNotEmpty();
    Files.createSymbolicLink(bin.resolve(tool), Path.of(path));
  }

  /** Runs {@code ./parley serve}; asserts it exits 1, and returns its standard error. */
  private String run() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            bin.resolve("bash").toString(), repo.resolve("parley").toString(), "serve");
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isEqualTo(1);
    return err;
  }
}
