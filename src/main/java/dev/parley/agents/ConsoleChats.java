package dev.parley.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.conversation.ConversationChanges;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationState;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.NewMessage;
import dev.parley.conversation.NewParticipant;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.Scope;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.ConversationSid;
import dev.parley.json.Attributes;
import dev.parley.json.Json;
import dev.parley.json.JsonInput;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent does with the account's web chats from the console: list them, accept one (join as
 * a participant), transfer it to another agent, close it, read a transcript. Changes go through the
 * conversation services as Parley's own actions, so webhooks and the realtime SDK hear them like
 * any REST change (the visitor's widget shows "X joined" and "This chat has ended").
 */
public final class ConsoleChats {
  private static final Logger log = LoggerFactory.getLogger(ConsoleChats.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  public static final int LIST_LIMIT = 50;
  static final int PREVIEW_CHARS = 200;
  public static final int TRANSCRIPT_LIMIT = 1000;

  private final Store store;
  private final ConversationService conversations;
  private final ParticipantService participants;
  private final MessageService messages;
  private final Clock clock;

  public ConsoleChats(
      Store store,
      ConversationService conversations,
      ParticipantService participants,
      MessageService messages,
      Clock clock) {
    this.store = store;
    this.clock = clock;
    this.conversations = conversations;
    this.participants = participants;
    this.messages = messages;
  }

  /** Waiting (oldest first), the agent's open chats and its closed ones (newest first). */
  public ChatLists lists(Agent agent) {
    return store.read(
        tx -> {
          Scope scope = scope(tx, agent);
          var queue = store.consoleQueue();
          return new ChatLists(
              queue.waiting(tx, agent.accountSid(), scope.serviceSid(), LIST_LIMIT).stream()
                  .map(c -> summary(c, preview(tx, c)))
                  .toList(),
              queue.joined(tx, scope.serviceSid(), agent.identity(), false, LIST_LIMIT).stream()
                  .map(c -> summary(c, preview(tx, c), unread(tx, agent, c)))
                  .toList(),
              summaries(queue.joined(tx, scope.serviceSid(), agent.identity(), true, LIST_LIMIT)));
        });
  }

  /** Earlier chats listed with a chat's details. */
  public static final int EARLIER_LIMIT = 20;

  /**
   * A chat's visitor and the visitor's other chats: for a chat the agent takes part in, or one
   * still waiting for an agent (whose details the waiting list shows anyway).
   */
  public ChatDetails details(Agent agent, String conversationSid) {
    return store.read(
        tx -> {
          Scope scope = scope(tx, agent);
          ConversationRecord c = visible(tx, agent, conversationSid);
          boolean mine =
              store.participants().findByIdentity(tx, c.sid(), agent.identity()).isPresent();
          String visitor = visitors(tx, agent, c).stream().findFirst().orElse(null);
          List<ChatDetails.EarlierChat> earlier = new ArrayList<>();
          if (visitor != null) {
            var queue = store.consoleQueue();
            List<ConversationRecord> others = new ArrayList<>();
            others.addAll(queue.joined(tx, scope.serviceSid(), visitor, false, EARLIER_LIMIT));
            others.addAll(queue.joined(tx, scope.serviceSid(), visitor, true, EARLIER_LIMIT));
            others.stream()
                .filter(o -> !o.sid().equals(c.sid()))
                .sorted(Comparator.comparing(ConversationRecord::dateCreated).reversed())
                .limit(EARLIER_LIMIT)
                .forEach(
                    o ->
                        earlier.add(
                            new ChatDetails.EarlierChat(
                                o.sid(),
                                o.state(),
                                o.dateCreated(),
                                o.dateUpdated(),
                                preview(tx, o))));
          }
          ChatSummary summary = summary(c, preview(tx, c), mine ? unread(tx, agent, c) : null);
          return new ChatDetails(summary, visitor, List.copyOf(earlier));
        });
  }

  /**
   * A chat of the agent's account and service whose details the agent may read: one it takes part
   * in, or one no agent has yet; 404 for an unknown one (or another account's), 403 for another
   * agent's.
   */
  ConversationRecord visible(Tx tx, Agent agent, String conversationSid) {
    ConversationRecord c =
        conversations.find(tx, scope(tx, agent), ConversationRef.of(conversationSid));
    boolean mine = store.participants().findByIdentity(tx, c.sid(), agent.identity()).isPresent();
    if (!mine && store.consoleQueue().hasAgent(tx, agent.accountSid(), c.sid())) {
      throw new ApiException(TwilioError.NOT_IN_CHAT, c.sid());
    }
    return c;
  }

  /** Joins a waiting chat; 409 when another agent was first. */
  public ChatSummary accept(Agent agent, String conversationSid) {
    ConversationRecord chat =
        store.write(
            tx -> {
              Scope scope = scope(tx, agent);
              ConversationRecord c =
                  conversations.findOpen(tx, scope, ConversationRef.of(conversationSid));
              if (store.consoleQueue().hasAgent(tx, agent.accountSid(), c.sid())) {
                throw new ApiException(TwilioError.CHAT_TAKEN, c.sid());
              }
              participants.create(
                  tx, scope, c, NewParticipant.chat(agent.identity(), Attributes.EMPTY));
              return c;
            });
    log.info(
        "event=console_chat_accepted conversation_sid={} agent_sid={}", chat.sid(), agent.sid());
    return summary(chat);
  }

  /** Adds agent {@code to} and removes the caller, in one transaction. */
  public void transfer(Agent agent, String conversationSid, String to) {
    if (to == null || to.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "To");
    }
    if (to.equals(agent.identity()) || to.equals(agent.sid())) {
      throw ApiException.invalid("To", "must be another agent");
    }
    String target =
        store.write(
            tx -> {
              Scope scope = scope(tx, agent);
              ConversationRecord c =
                  conversations.findOpen(tx, scope, ConversationRef.of(conversationSid));
              ParticipantRecord me = self(tx, agent, c);
              var other =
                  store
                      .agents()
                      .find(tx, agent.accountSid(), to)
                      .orElseThrow(() -> new ApiException(TwilioError.AGENT_NOT_FOUND, to));
              participants.create(
                  tx, scope, c, NewParticipant.chat(other.identity(), Attributes.EMPTY));
              participants.remove(tx, scope, me);
              return other.sid();
            });
    log.info(
        "event=console_chat_transferred conversation_sid={} agent_sid={} to_agent_sid={}",
        conversationSid,
        agent.sid(),
        target);
  }

  /** Closes the conversation for good (Twilio's {@code state=closed}). */
  public void close(Agent agent, String conversationSid) {
    store.write(
        tx -> {
          Scope scope = scope(tx, agent);
          ConversationRecord c =
              conversations.findOpen(tx, scope, ConversationRef.of(conversationSid));
          self(tx, agent, c);
          conversations.update(
              tx,
              scope,
              new ConversationSid(c.sid()),
              new ConversationChanges(
                  null, null, null, null, null, null, ConversationState.CLOSED, null, null));
          return null;
        });
    log.info(
        "event=console_chat_closed conversation_sid={} agent_sid={}", conversationSid, agent.sid());
  }

  /**
   * Posts the agent's message (text, media it uploaded, or both) as its SDK would: the agent must
   * take part in the open chat, and the change is the agent's own, so pre-action and post-action
   * webhooks fire as for a message sent through the realtime SDK.
   */
  public MessageRecord send(
      Agent agent, String conversationSid, String body, List<String> mediaSids) {
    NewMessage message =
        new NewMessage(agent.identity(), body, null, null, null, mediaSids, null, null, null);
    Scope scope =
        store.read(
            tx -> {
              Scope s = scope(tx, agent).by(Origin.sdk(agent.identity()));
              self(tx, agent, conversations.findOpen(tx, s, ConversationRef.of(conversationSid)));
              return s;
            });
    MessageRecord posted =
        messages.create(scope, ConversationRef.of(conversationSid), message).record();
    log.info(
        "event=console_message_sent conversation_sid={} agent_sid={} media={}",
        conversationSid,
        agent.sid(),
        message.mediaSids().size());
    return posted;
  }

  /** The messages of a chat the agent takes part in (or took part in until it closed). */
  public List<TranscriptLine> transcript(Agent agent, String conversationSid) {
    return store.read(
        tx -> {
          Scope scope = scope(tx, agent);
          ConversationRecord c = conversations.find(tx, scope, ConversationRef.of(conversationSid));
          requireReadable(tx, agent, c);
          Map<String, String> names = new HashMap<>();
          List<MessageRecord> messages =
              store
                  .messages()
                  .page(tx, c.sid(), false, PageRequest.first(TRANSCRIPT_LIMIT))
                  .items();
          return messages.stream()
              .map(
                  m ->
                      new TranscriptLine(
                          m.index(),
                          m.author(),
                          names.computeIfAbsent(
                              m.author() == null ? "" : m.author(), a -> nameOf(tx, scope, a)),
                          m.body() == null ? "" : m.body(),
                          media(m),
                          m.dateCreated()))
              .toList();
        });
  }

  /** A message's media, {@code [{sid, content_type, filename, size, category}]}; empty for none. */
  private static JsonNode media(MessageRecord m) {
    if (m.media() == null) {
      return JSON.createArrayNode();
    }
    try {
      return JSON.readTree(m.media());
    } catch (Exception e) {
      throw new IllegalStateException("stored message media is not JSON", e);
    }
  }

  private String nameOf(Tx tx, Scope scope, String identity) {
    return store
        .users()
        .findByIdentity(tx, scope.serviceSid(), identity)
        .map(UserRecord::friendlyName)
        .filter(name -> !name.isEmpty())
        .orElse(identity);
  }

  /**
   * A transcript is the agent's to read when it takes part in the chat, or when the chat's visitor
   * is in a chat with the agent now (the visitor's earlier chats, from the details).
   */
  private void requireReadable(Tx tx, Agent agent, ConversationRecord c) {
    if (store.participants().findByIdentity(tx, c.sid(), agent.identity()).isPresent()) {
      return;
    }
    for (String visitor : visitors(tx, agent, c)) {
      boolean talking =
          store
              .consoleQueue()
              .joined(tx, c.serviceSid(), agent.identity(), false, LIST_LIMIT)
              .stream()
              .anyMatch(
                  open -> store.participants().findByIdentity(tx, open.sid(), visitor).isPresent());
      if (talking) {
        return;
      }
    }
    throw new ApiException(TwilioError.NOT_IN_CHAT, c.sid());
  }

  /** The chat's participants who are not agents of the account (a web chat has one). */
  private List<String> visitors(Tx tx, Agent agent, ConversationRecord c) {
    return store.participants().page(tx, c.sid(), PageRequest.first(50)).items().stream()
        .map(ParticipantRecord::identity)
        .filter(identity -> identity != null && !identity.isEmpty())
        .filter(identity -> store.agents().find(tx, agent.accountSid(), identity).isEmpty())
        .toList();
  }

  /** Messages after the agent's read horizon (all of them when it has none). */
  private Long unread(Tx tx, Agent agent, ConversationRecord c) {
    Long read =
        store
            .participants()
            .findByIdentity(tx, c.sid(), agent.identity())
            .map(ParticipantRecord::lastReadMessageIndex)
            .orElse(null);
    return Math.max(0, c.lastMessageIndex() - (read == null ? -1 : read));
  }

  private ParticipantRecord self(Tx tx, Agent agent, ConversationRecord c) {
    return store
        .participants()
        .findByIdentity(tx, c.sid(), agent.identity())
        .orElseThrow(() -> new ApiException(TwilioError.NOT_IN_CHAT, c.sid()));
  }

  private Scope scope(Tx tx, Agent agent) {
    return AgentService.scope(store, tx, agent.accountSid()).by(Origin.API);
  }

  private List<ChatSummary> summaries(List<ConversationRecord> conversations) {
    return conversations.stream().map(this::summary).toList();
  }

  /** The start of the chat's newest message, for the waiting list; null when there is none. */
  private String preview(Tx tx, ConversationRecord c) {
    return store.messages().page(tx, c.sid(), true, PageRequest.first(1)).items().stream()
        .map(MessageRecord::body)
        .filter(body -> body != null && !body.isBlank())
        .map(body -> body.length() > PREVIEW_CHARS ? body.substring(0, PREVIEW_CHARS) : body)
        .findFirst()
        .orElse(null);
  }

  private ChatSummary summary(ConversationRecord c) {
    return summary(c, null, null);
  }

  private ChatSummary summary(ConversationRecord c, String preview) {
    return summary(c, preview, null);
  }

  private ChatSummary summary(ConversationRecord c, String preview, Long unread) {
    JsonNode attributes;
    try {
      attributes = JSON.readTree(c.attributes());
    } catch (Exception e) {
      attributes = JSON.createObjectNode();
    }
    JsonNode preEngagement = attributes.path("pre_engagement_data");
    return new ChatSummary(
        c.sid(),
        c.friendlyName(),
        attributes.path("from").isTextual() ? attributes.get("from").asText() : null,
        // Data stored before JsonInput's depth limit could be too deep to render in the list.
        preEngagement.isObject() && JsonInput.withinDepth(preEngagement)
            ? preEngagement
            : JSON.createObjectNode(),
        c.state(),
        c.dateCreated(),
        c.dateUpdated(),
        Math.max(0, Duration.between(c.dateCreated(), clock.instant()).toSeconds()),
        preview,
        unread,
        // Only the server-written top-level key counts; never pre_engagement_data's "verified"
        // nor the participant's attributes (a visitor may edit its own).
        attributes.path("identity_verified").isBoolean()
            && attributes.get("identity_verified").booleanValue());
  }
}
