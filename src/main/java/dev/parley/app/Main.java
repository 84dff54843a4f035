package dev.parley.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./parley}: the command line. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    version = "Parley 0.1.0",
    description = "A self-hosted web chat backend that speaks Twilio's web chat APIs.",
    subcommands = {
      ServeCommand.class,
      MigrateCommand.class,
      TokenCommand.class,
      WarmupCommand.class,
      AgentsCommand.class,
      TrustCommand.class
    })
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Main())
            // A start that cannot proceed (bad flag value, port taken, unreadable master key) is
            // the operator's to fix: say what, without a stack trace.
            .setExecutionExceptionHandler(
                (failure, command, parsed) -> {
                  command.getErr().println("parley: " + describe(failure));
                  return 1;
                })
            .execute(args));
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    Throwable cause = failure.getCause();
    return cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)
        ? message + ": " + cause.getMessage()
        : message;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
