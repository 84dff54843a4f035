package dev.parley.app;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./parley}: the command line. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    version = "Parley 0.1.0",
    description = "A self-hosted web chat backend that speaks Twilio's web chat APIs.")
public final class Main implements Runnable {
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ServeCommand.class,
          MigrateCommand.class,
          TokenCommand.class,
          WarmupCommand.class,
          AgentsCommand.class,
          TrustCommand.class);

  public static void main(String[] args) {
    System.exit(
        commandLine(args)
            // A start that cannot proceed (bad flag value, port taken, unreadable master key) is
            // the operator's to fix: say what, without a stack trace.
            .setExecutionExceptionHandler(
                (failure, command, parsed) -> {
                  command.getErr().println("parley: " + describe(failure));
                  return 1;
                })
            .execute(args));
  }

  /**
   * The command line for {@code args}. Picocli builds a subcommand's whole model by reflection when
   * it is added (about 20 ms of every start for all six), so a run that names its subcommand first
   * gets only that one; anything else (no arguments, {@code --help}, a mistake) gets them all.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine all = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    for (Class<?> subcommand : SUBCOMMANDS) {
      if (subcommand.getAnnotation(Command.class).name().equals(first)) {
        return all.addSubcommand(subcommand);
      }
    }
    SUBCOMMANDS.forEach(all::addSubcommand);
    return all;
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
    commandLine(new String[0]).usage(System.out);
  }
}
