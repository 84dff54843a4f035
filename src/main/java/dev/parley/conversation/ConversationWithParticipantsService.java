package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.store.ConversationRecord;
import dev.parley.store.Store;
import java.util.List;

/**
 * Creates a conversation together with its first participants, all or nothing: a participant that
 * cannot be added fails the whole request with Twilio's 50427 and nothing is written.
 */
public final class ConversationWithParticipantsService {
  /** Twilio: "The maximum number of participants that can be added in a single request is 10." */
  public static final int MAX_PARTICIPANTS = 10;

  private final Store store;
  private final ConversationService conversations;
  private final ParticipantService participants;

  public ConversationWithParticipantsService(
      Store store, ConversationService conversations, ParticipantService participants) {
    this.store = store;
    this.conversations = conversations;
    this.participants = participants;
  }

  public ConversationRecord create(
      Scope scope, NewConversation conversation, List<NewParticipant> people) {
    if (people.size() > MAX_PARTICIPANTS) {
      throw ApiException.invalid("Participant", "at most " + MAX_PARTICIPANTS + " are allowed");
    }
    return store.write(
        tx -> {
          ConversationRecord created = conversations.create(tx, scope, conversation);
          for (int i = 0; i < people.size(); i++) {
            try {
              participants.create(tx, scope, created, people.get(i));
            } catch (ApiException e) {
              throw failed(i, e.getMessage());
            }
          }
          return created;
        });
  }

  /** The 50427 error for the participant at {@code index} (0-based), with why it failed. */
  public static ApiException failed(int index, String why) {
    return new ApiException(
        TwilioError.PARTICIPANTS_FAILED, "Participant " + (index + 1) + ": " + why);
  }
}
