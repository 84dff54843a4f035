package dev.parley.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conversation services take typed SIDs and references (ids/ConversationSid, ConversationRef,
 * ParticipantRef, MessageSid, UserRef…), never a bare String naming a conversation, participant,
 * message or user: the type says whether a SID, a unique name or an identity is meant. Read from
 * the sources, as parameter names are: the fuzz tests' instrumentation strips them from the loaded
 * classes.
 */
@NoStore
class ServiceSignaturesTest {
  private static final Path SERVICES = Path.of("src/main/java/dev/parley/conversation");

  /** A public method's declaration, up to its parameter list. */
  private static final Pattern PUBLIC_METHOD =
      Pattern.compile("public\\s+(?:static\\s+)?[\\w<>\\[\\],.? ]+?\\s+(\\w+)\\s*\\(([^)]*)\\)");

  /** A String parameter named for one of those entities: {@code conversationSid}, {@code user}… */
  private static final Pattern STRING_ENTITY =
      Pattern.compile("\\bString\\s+((?:conversation|participant|message|user)(?:Sid\\w*)?)\\b");

  @Test
  void service_methods_take_no_string_naming_a_conversation_participant_message_or_user()
      throws IOException {
    List<String> offending = new ArrayList<>();
    List<Path> services = services();
    for (Path file : services) {
      Matcher method = PUBLIC_METHOD.matcher(Files.readString(file));
      while (method.find()) {
        Matcher parameter = STRING_ENTITY.matcher(method.group(2));
        while (parameter.find()) {
          offending.add(
              file.getFileName() + ": " + method.group(1) + "(String " + parameter.group(1) + ")");
        }
      }
    }

    assertThat(services).as("the services it reads").hasSizeGreaterThan(5);
    assertThat(offending).isEmpty();
  }

  @Test
  void the_rule_sees_a_string_sid_parameter() {
    Matcher method =
        PUBLIC_METHOD.matcher(
            "public Message find(Scope scope, String conversationSid, MessageSid sid) {");

    assertThat(method.find()).isTrue();
    assertThat(STRING_ENTITY.matcher(method.group(2)).find()).isTrue();
  }

  private static List<Path> services() throws IOException {
    try (Stream<Path> files = Files.list(SERVICES)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.endsWith("Service.java") || name.equals("ConversationWebhooks.java");
              })
          .sorted()
          .toList();
    }
  }
}
