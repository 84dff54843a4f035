package dev.parley.shapes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.events.EventFields;
import dev.parley.store.ParticipantRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A participant's wire shapes, side by side (see {@link ConversationShapes} for why each is written
 * out). A chat participant has an identity and no binding; an SMS-type one the reverse, and its
 * binding is rendered once per naming: {@link #binding} for the webhooks, the stored {@code
 * messaging_binding} object for REST and Sync.
 */
public final class ParticipantShapes {
  /** The components each shape leaves out, and why; {@code ShapesCoverageTest} keeps it true. */
  public static final List<LeftOut> LEFT_OUT =
      List.of(
          // bindingAddress and bindingProxyAddress repeat messagingBinding's, for lookups.
          new LeftOut(Shape.REST, "bindingAddress", "in messaging_binding"),
          new LeftOut(Shape.REST, "bindingProxyAddress", "in messaging_binding"),
          new LeftOut(Shape.REST, "notificationLevel", "a user conversation's, not here"),
          // CLIENT: what the SDK's Participant reads from a command's answer.
          new LeftOut(Shape.CLIENT, "accountSid", "the SDK reads no account"),
          new LeftOut(Shape.CLIENT, "serviceSid", "only in the url"),
          new LeftOut(Shape.CLIENT, "messagingBinding", "the SDK adds chat participants only"),
          new LeftOut(Shape.CLIENT, "bindingAddress", "the SDK adds chat participants only"),
          new LeftOut(Shape.CLIENT, "bindingProxyAddress", "the SDK adds chat participants only"),
          new LeftOut(Shape.CLIENT, "lastReadMessageIndex", "read from the roster item"),
          new LeftOut(Shape.CLIENT, "lastReadTimestamp", "read from the roster item"),
          new LeftOut(Shape.CLIENT, "notificationLevel", "a user conversation's, not here"),
          // SYNC: an item of the conversation's roster map, keyed by the participant SID.
          new LeftOut(Shape.SYNC, "accountSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "serviceSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "conversationSid", "the roster is the conversation's"),
          new LeftOut(Shape.SYNC, "bindingAddress", "in bindings"),
          new LeftOut(Shape.SYNC, "bindingProxyAddress", "in bindings"),
          new LeftOut(Shape.SYNC, "notificationLevel", "in the user's conversations map"),
          // EVENT and PRE_ACTION: the fields of Twilio's webhook table.
          new LeftOut(Shape.EVENT, "bindingAddress", "in MessagingBinding.Address"),
          new LeftOut(Shape.EVENT, "bindingProxyAddress", "in MessagingBinding.ProxyAddress"),
          new LeftOut(Shape.EVENT, "lastReadTimestamp", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "notificationLevel", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "bindingAddress", "in MessagingBinding.Address"),
          new LeftOut(Shape.PRE_ACTION, "bindingProxyAddress", "in MessagingBinding.ProxyAddress"),
          new LeftOut(Shape.PRE_ACTION, "lastReadMessageIndex", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "lastReadTimestamp", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "notificationLevel", "not in Twilio's webhook fields"));

  private ParticipantShapes() {}

  /**
   * REST: {@code conversations.v1.conversation.conversation_participant}. Only the service-scoped
   * schema has {@code chat_service_sid}, so the short path passes null and it is left out.
   */
  public record Rest(
      String accountSid,
      @JsonInclude(JsonInclude.Include.NON_NULL) String chatServiceSid,
      String conversationSid,
      String sid,
      String identity,
      String attributes,
      JsonNode messagingBinding,
      String roleSid,
      Instant dateCreated,
      Instant dateUpdated,
      String url,
      Long lastReadMessageIndex,
      String lastReadTimestamp) {}

  /** REST at {@code url}; {@code chatServiceSid} null on the short path. */
  public static Rest rest(ParticipantRecord p, String chatServiceSid, String url) {
    return new Rest(
        p.accountSid(),
        chatServiceSid,
        p.conversationSid(),
        p.sid(),
        p.identity(),
        p.attributes(),
        WireJson.tree(p.messagingBinding()),
        p.roleSid(),
        p.dateCreated(),
        p.dateUpdated(),
        url,
        p.lastReadMessageIndex(),
        p.lastReadTimestamp());
  }

  /** REST {@code messaging_binding} (also in participant conversations): the stored object. */
  public static JsonNode messagingBinding(ParticipantRecord p) {
    return WireJson.tree(p.messagingBinding());
  }

  /** CLIENT (docs/realtime-protocol.md §3.3), at {@code url} (the tunnelled command's). */
  public static ObjectNode client(ParticipantRecord p, String url) {
    ObjectNode j = WireJson.object();
    j.put("sid", p.sid());
    j.put("conversation_sid", p.conversationSid());
    j.put("identity", p.identity());
    j.put("attributes", p.attributes());
    j.put("role_sid", p.roleSid());
    j.put("date_created", WireJson.date(p.dateCreated()));
    j.put("date_updated", WireJson.date(p.dateUpdated()));
    j.put("url", url);
    return j;
  }

  /**
   * SYNC: a roster item (docs/realtime-protocol.md §4.2); {@code userInfo} names the participant's
   * user profile map ("" when none). Attributes stay a JSON string: the SDK parses them itself.
   */
  public static ObjectNode sync(ParticipantRecord p, String userInfo) {
    ObjectNode d = WireJson.object();
    d.put("sid", p.sid());
    d.put("identity", p.identity());
    d.put("type", p.messagingBinding() == null ? "chat" : bindingType(p.messagingBinding()));
    d.put("attributes", p.attributes());
    d.put("dateCreated", WireJson.date(p.dateCreated()));
    d.put("dateUpdated", WireJson.date(p.dateUpdated()));
    d.put("roleSid", p.roleSid());
    if (p.lastReadMessageIndex() == null) {
      d.putNull("lastConsumedMessageIndex");
    } else {
      d.put("lastConsumedMessageIndex", p.lastReadMessageIndex());
    }
    d.put("lastConsumptionTimestamp", p.lastReadTimestamp());
    d.put("userInfo", userInfo);
    d.set("bindings", WireJson.parse(p.messagingBinding()));
    return d;
  }

  private static String bindingType(String binding) {
    JsonNode type = WireJson.parse(binding).get("type");
    return type == null || type.isNull() ? "sms" : type.asText();
  }

  /** EVENT: {@code onParticipantAdded}. */
  public static EventFields added(EventFields f, ParticipantRecord p) {
    return common(f, p);
  }

  /** EVENT: {@code onParticipantUpdated}. */
  public static EventFields updated(EventFields f, ParticipantRecord p) {
    return common(f, p)
        .put("DateUpdated", p.dateUpdated())
        .put("LastReadMessageIndex", p.lastReadMessageIndex());
  }

  /** EVENT: {@code onParticipantRemoved}. */
  public static EventFields removed(EventFields f, ParticipantRecord p, Instant removed) {
    return common(f, p).put("DateUpdated", p.dateUpdated()).put("DateRemoved", removed);
  }

  /**
   * PRE_ACTION: {@code onParticipantUpdate}, with the values the change would set; {@code
   * onParticipantRemove} passes the participant's own.
   */
  public static EventFields preAction(
      EventFields f, ParticipantRecord p, String attributes, String roleSid) {
    return common(f, p)
        .put("DateUpdated", p.dateUpdated())
        .put("Attributes", attributes)
        .put("RoleSid", roleSid);
  }

  /** PRE_ACTION: {@code onParticipantAdd}, of a participant not made yet. */
  public static EventFields preActionAdd(
      EventFields f,
      String conversationSid,
      String identity,
      String roleSid,
      String attributes,
      MessagingBinding binding) {
    f.put("ConversationSid", conversationSid)
        .put("Identity", identity)
        .put("RoleSid", roleSid)
        .put("Attributes", attributes);
    return binding == null ? f : binding(f, binding);
  }

  /** The fields every participant webhook starts with. */
  private static EventFields common(EventFields f, ParticipantRecord p) {
    f.put("ConversationSid", p.conversationSid())
        .put("ParticipantSid", p.sid())
        .put("DateCreated", p.dateCreated())
        .put("Identity", p.identity())
        .put("RoleSid", p.roleSid())
        .put("Attributes", p.attributes());
    if (p.messagingBinding() != null) {
      binding(f, MessagingBinding.parse(p.messagingBinding()));
    }
    return f;
  }

  private static EventFields binding(EventFields f, MessagingBinding binding) {
    return f.put("MessagingBinding.Address", binding.address())
        .put("MessagingBinding.ProxyAddress", binding.proxyAddress())
        .put("MessagingBinding.ProjectedAddress", binding.projectedAddress())
        .put("MessagingBinding.Type", binding.type().toUpperCase(Locale.ROOT));
  }
}
