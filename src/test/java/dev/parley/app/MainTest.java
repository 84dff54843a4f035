package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

@NoStore
class MainTest {
  @Test
  void a_run_that_names_its_subcommand_builds_only_that_one() {
    assertThat(Main.commandLine(new String[] {"serve", "--port", "0"}).getSubcommands())
        .containsOnlyKeys("serve");
  }

  @Test
  void help_lists_every_subcommand() {
    StringWriter out = new StringWriter();

    Main.commandLine(new String[] {"--help"}).setOut(new PrintWriter(out)).execute("--help");

    assertThat(out.toString()).contains("serve", "migrate", "token", "agents", "trust");
  }

  @Test
  void a_mistyped_subcommand_is_refused_with_a_suggestion() {
    StringWriter err = new StringWriter();

    int exit = Main.commandLine(new String[] {"serv"}).setErr(new PrintWriter(err)).execute("serv");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument", "Did you mean: parley serve?");
  }
}
