package dev.parley.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./parley}: the command line. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    version = "Parley 0.1.0",
    description = "A self-hosted web chat backend that speaks Twilio's web chat APIs.",
    subcommands = {ServeCommand.class, TokenCommand.class, WarmupCommand.class})
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
