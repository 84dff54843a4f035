package dev.parley.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.events.Change.StateReason;
import dev.parley.events.EventFields;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation's wire shapes. Names, formats and order differ between them as Twilio's clients
 * expect (REST dates in seconds, the SDK's with milliseconds, webhooks' with {@code .SSS}), so each
 * is written out here, side by side; what they share (timers, links) is written once.
 */
public final class ConversationShapes {
  /** The components each shape leaves out, and why; {@code ShapesCoverageTest} keeps it true. */
  public static final List<LeftOut> LEFT_OUT =
      List.of(
          // REST: conversations.v1.conversation has the timers' instants, not their durations.
          new LeftOut(Shape.REST, "timerInactive", "the instant is in timers.date_inactive"),
          new LeftOut(Shape.REST, "timerClosed", "the instant is in timers.date_closed"),
          new LeftOut(Shape.REST, "createdBy", "not in conversations.v1.conversation"),
          new LeftOut(Shape.REST, "lastMessageIndex", "not in conversations.v1.conversation"),
          // CLIENT: what the SDK's Conversation reads from a command's answer.
          new LeftOut(Shape.CLIENT, "messagingServiceSid", "the SDK has no messaging service"),
          new LeftOut(Shape.CLIENT, "timerInactive", "the SDK reads no timers"),
          new LeftOut(Shape.CLIENT, "timerClosed", "the SDK reads no timers"),
          new LeftOut(Shape.CLIENT, "dateInactive", "the SDK reads no timers"),
          new LeftOut(Shape.CLIENT, "dateClosed", "the SDK reads no timers"),
          new LeftOut(Shape.CLIENT, "bindings", "the SDK reads no bindings"),
          new LeftOut(Shape.CLIENT, "lastMessageIndex", "peek adds it as messages_count"),
          // SYNC: the conversation's document; the object itself names the conversation.
          new LeftOut(Shape.SYNC, "sid", "the document's unique name is the conversation SID"),
          new LeftOut(Shape.SYNC, "accountSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "serviceSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "messagingServiceSid", "the SDK has no messaging service"),
          new LeftOut(Shape.SYNC, "timerInactive", "the SDK reads no timers"),
          new LeftOut(Shape.SYNC, "timerClosed", "the SDK reads no timers"),
          new LeftOut(Shape.SYNC, "dateInactive", "the SDK reads no timers"),
          new LeftOut(Shape.SYNC, "dateClosed", "the SDK reads no timers"),
          new LeftOut(Shape.SYNC, "bindings", "the SDK reads no bindings"),
          new LeftOut(Shape.SYNC, "lastMessageIndex", "lastMessage is set from the new message"),
          // EVENT and PRE_ACTION: the fields of Twilio's webhook table.
          new LeftOut(Shape.EVENT, "timerInactive", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "timerClosed", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "dateInactive", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "dateClosed", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "bindings", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "createdBy", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "lastMessageIndex", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "timerInactive", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "timerClosed", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "dateInactive", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "dateClosed", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "bindings", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "createdBy", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "lastMessageIndex", "not in Twilio's webhook fields"));

  private ConversationShapes() {}

  /** REST: {@code conversations.v1.conversation}, rendered by {@code http/Json}. */
  public record Rest(
      String accountSid,
      String chatServiceSid,
      String messagingServiceSid,
      String sid,
      String friendlyName,
      String uniqueName,
      String attributes,
      String state,
      Instant dateCreated,
      Instant dateUpdated,
      Map<String, Instant> timers,
      String url,
      Map<String, String> links,
      JsonNode bindings) {}

  /** REST, at {@code url} (the conversation's own, short or service-scoped). */
  public static Rest rest(ConversationRecord c, String url) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("participants", url + "/Participants");
    links.put("messages", url + "/Messages");
    links.put("webhooks", url + "/Webhooks");
    links.put("export", url + "/Export");
    return new Rest(
        c.accountSid(),
        c.serviceSid(),
        c.messagingServiceSid(),
        c.sid(),
        c.friendlyName(),
        c.uniqueName(),
        c.attributes(),
        c.state(),
        c.dateCreated(),
        c.dateUpdated(),
        timers(c),
        url,
        links,
        WireJson.parse(c.bindings()));
  }

  /** REST {@code timers}: the instants set, by Twilio's names (also in user conversations). */
  public static Map<String, Instant> timers(ConversationRecord c) {
    Map<String, Instant> timers = new LinkedHashMap<>();
    if (c.dateInactive() != null) {
      timers.put("date_inactive", c.dateInactive());
    }
    if (c.dateClosed() != null) {
      timers.put("date_closed", c.dateClosed());
    }
    return timers;
  }

  /** The SIDs of a conversation's Sync objects, which the SDK's answers name. */
  public record SyncObjects(String document, String messages, String roster) {}

  /**
   * CLIENT (docs/realtime-protocol.md §3.3): snake_case like REST, at {@code url} (the tunnelled
   * command's), plus the {@code sync_objects} the SDK subscribes to.
   */
  public static ObjectNode client(ConversationRecord c, String url, SyncObjects objects) {
    ObjectNode j = WireJson.object();
    j.put("sid", c.sid());
    j.put("conversation_sid", c.sid());
    j.put("account_sid", c.accountSid());
    j.put("chat_service_sid", c.serviceSid());
    j.put("friendly_name", c.friendlyName());
    j.put("unique_name", c.uniqueName());
    j.put("attributes", c.attributes());
    j.put("state", c.state());
    j.put("created_by", c.createdBy());
    j.put("date_created", WireJson.date(c.dateCreated()));
    j.put("date_updated", WireJson.date(c.dateUpdated()));
    j.put("url", url);
    ObjectNode l = j.putObject("links");
    l.put("messages", url + "/Messages");
    l.put("participants", url + "/Participants");
    ObjectNode s = j.putObject("sync_objects");
    s.put("conversation", objects.document());
    s.put("messages", objects.messages());
    s.put("participants", objects.roster());
    return j;
  }

  /**
   * What the conversation's Sync document is made of, and all of it: {@link
   * ConversationShapes#sync(SyncSource, JsonNode)} reads nothing else, so equal sources make equal
   * documents. The document names the conversation's messages list and roster by their SIDs.
   */
  public record SyncSource(
      String friendlyName,
      String uniqueName,
      String attributes,
      String createdBy,
      Instant dateCreated,
      Instant dateUpdated,
      String state,
      String messagesSid,
      String rosterSid) {
    public static SyncSource of(ConversationRecord c, String messagesSid, String rosterSid) {
      return new SyncSource(
          c.friendlyName(),
          c.uniqueName(),
          c.attributes(),
          c.createdBy(),
          c.dateCreated(),
          c.dateUpdated(),
          c.state(),
          messagesSid,
          rosterSid);
    }
  }

  /**
   * SYNC: the conversation's document (docs/realtime-protocol.md §4.2). {@code previous} is the
   * document's current data, whose {@code lastMessage} is kept (only a new message changes it). No
   * per-user field goes in here.
   */
  public static ObjectNode sync(
      ConversationRecord c, String messagesSid, String rosterSid, JsonNode previous) {
    return sync(SyncSource.of(c, messagesSid, rosterSid), previous);
  }

  /** SYNC: the document made of {@code s}, keeping {@code previous}'s {@code lastMessage}. */
  public static ObjectNode sync(SyncSource s, JsonNode previous) {
    ObjectNode d = WireJson.object();
    d.put("friendlyName", s.friendlyName());
    d.put("uniqueName", s.uniqueName());
    d.set("attributes", WireJson.parse(s.attributes()));
    d.put("createdBy", s.createdBy());
    d.put("dateCreated", WireJson.date(s.dateCreated()));
    d.put("dateUpdated", WireJson.date(s.dateUpdated()));
    d.put("messages", s.messagesSid());
    d.put("roster", s.rosterSid());
    if (previous != null && previous.has("lastMessage")) {
      d.set("lastMessage", previous.get("lastMessage"));
    }
    ObjectNode state = d.putObject("state");
    state.put("current", s.state());
    state.put("dateUpdated", WireJson.date(s.dateUpdated()));
    return d;
  }

  /**
   * SYNC, as text to be used again: the document of a source without its {@code lastMessage}, cut
   * where a {@code lastMessage} goes, before {@code state}, its last field. Every message rewrites
   * the document with only its {@code lastMessage} changed; {@link #withLastMessage} writes that
   * text, character for character what Jackson writes of the document with that {@code
   * lastMessage}, without parsing the attributes and writing the whole document again.
   */
  public record SyncText(String head, String tail) {
    /** The document's text with {@code m} as its last message. */
    public String withLastMessage(MessageRecord m) {
      String timestamp = WireJson.date(m.dateCreated());
      return head
          + ",\"lastMessage\":{\"index\":"
          + m.index()
          + ",\"timestamp\":"
          + (timestamp == null ? "null" : '"' + timestamp + '"')
          + "}"
          + tail;
    }

    /** The characters it holds. */
    public int length() {
      return head.length() + tail.length();
    }
  }

  /** The {@link SyncText} of {@code s}. */
  public static SyncText syncText(SyncSource s) {
    String whole = WireJson.write(sync(s, null));
    // The last match is the document's own state: a quote after a comma is never inside a string
    // (Jackson escapes quotes there), and nothing after the state field holds another.
    int state = whole.lastIndexOf(",\"state\":{");
    return new SyncText(whole.substring(0, state), whole.substring(state));
  }

  /**
   * EVENT: {@code onConversationAdded}, {@code onConversationUpdated} and (with {@code removed})
   * {@code onConversationRemoved}
   * (https://www.twilio.com/docs/conversations/conversations-webhooks).
   */
  public static EventFields event(EventFields f, ConversationRecord c, Instant removed) {
    return f.put("ConversationSid", c.sid())
        .put("DateCreated", c.dateCreated())
        .put("DateUpdated", c.dateUpdated())
        .put("DateRemoved", removed)
        .put("FriendlyName", c.friendlyName())
        .put("UniqueName", c.uniqueName())
        .put("Attributes", c.attributes())
        .put("MessagingServiceSid", c.messagingServiceSid())
        .put("State", c.state());
  }

  /** EVENT: {@code onConversationStateUpdated}, from {@code from}'s state to {@code to}'s. */
  public static EventFields stateEvent(
      EventFields f, ConversationRecord from, ConversationRecord to, StateReason reason) {
    return f.put("ConversationSid", to.sid())
        .put("StateUpdated", to.dateUpdated())
        .put("StateFrom", from.state())
        .put("StateTo", to.state())
        .put("Reason", reason.name())
        .put("MessagingServiceSid", to.messagingServiceSid());
  }

  /** PRE_ACTION: {@code onConversationRemove}, and the conversation as it is before a change. */
  public static EventFields preAction(EventFields f, ConversationRecord c) {
    return preAction(f, c, c.friendlyName(), c.uniqueName(), c.attributes(), c.state());
  }

  /** PRE_ACTION: {@code onConversationUpdate}, with the values the change would set. */
  public static EventFields preAction(
      EventFields f,
      ConversationRecord c,
      String friendlyName,
      String uniqueName,
      String attributes,
      String state) {
    return f.put("ConversationSid", c.sid())
        .put("DateCreated", c.dateCreated())
        .put("DateUpdated", c.dateUpdated())
        .put("MessagingServiceSid", c.messagingServiceSid())
        .put("FriendlyName", friendlyName)
        .put("UniqueName", uniqueName)
        .put("Attributes", attributes)
        .put("State", state);
  }

  /** PRE_ACTION: {@code onConversationAdd}, of a conversation not made yet. */
  public static EventFields preActionAdd(
      EventFields f,
      String friendlyName,
      String uniqueName,
      String attributes,
      String messagingServiceSid,
      String state) {
    return f.put("FriendlyName", friendlyName)
        .put("UniqueName", uniqueName)
        .put("Attributes", attributes)
        .put("MessagingServiceSid", messagingServiceSid)
        .put("State", state);
  }
}
