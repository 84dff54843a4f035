package dev.parley.realtime.client;

import static dev.parley.realtime.client.ClientBodies.jsonText;
import static dev.parley.realtime.client.ClientBodies.requireSameService;
import static dev.parley.realtime.client.ClientBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.ConversationChanges;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.MembershipService;
import dev.parley.conversation.MessageChanges;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.NewConversation;
import dev.parley.conversation.NewMessage;
import dev.parley.conversation.NewParticipant;
import dev.parley.conversation.ParticipantChanges;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.Timers;
import dev.parley.error.ApiException;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.ConversationSid;
import dev.parley.ids.MessageSid;
import dev.parley.ids.ParticipantRef;
import dev.parley.ids.ParticipantSid;
import dev.parley.realtime.Session;
import dev.parley.realtime.UpstreamRequest;
import dev.parley.realtime.UpstreamResponse;
import dev.parley.realtime.sync.SyncDirectory;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK's conversation, message and participant commands. Each runs through the same domain
 * service entry as the REST API, which opens the transaction (none is opened here), as the
 * session's identity, so it fires the same events and webhooks ({@code Source=SDK}) and reaches
 * every other client through the Sync projection.
 */
public final class ClientCommands {
  private static final int MAX_COUNTED_PARTICIPANTS = 1000;
  private final Callers callers;
  private final ClientJson json;
  private final SyncDirectory directory;
  private final ConversationService conversations;
  private final MessageService messages;
  private final ParticipantService participants;
  private final MembershipService memberships;

  ClientCommands(
      Callers callers,
      ClientJson json,
      SyncDirectory directory,
      ConversationService conversations,
      MessageService messages,
      ParticipantService participants,
      MembershipService memberships) {
    this.callers = callers;
    this.json = json;
    this.directory = directory;
    this.conversations = conversations;
    this.messages = messages;
    this.participants = participants;
    this.memberships = memberships;
  }

  /**
   * {@code GET C/{sid}} ({@code peekConversationBySid}, and {@code getConversationBySid} for a
   * conversation not in the user's map): a participant's only, else 403 with 50430 as Twilio.
   */
  public UpstreamResponse peek(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    ObjectNode j = json.conversation(c, objects(c));
    int participantsCount =
        participants
            .page(
                Callers.scope(s),
                new ConversationSid(c.sid()),
                PageRequest.first(MAX_COUNTED_PARTICIPANTS))
            .items()
            .size();
    j.put("participants_count", participantsCount);
    j.put("messages_count", c.lastMessageIndex() + 1);
    return UpstreamResponse.ok(j);
  }

  /** {@code POST C}: agents only; a web chat's conversation is made by its init. */
  public UpstreamResponse create(Session s, UpstreamRequest r, List<String> p) {
    requireSameService(p.get(0), s.grant().serviceSid());
    callers.requireAgent(s, "create conversations");
    JsonNode body = ClientBodies.json(r);
    ConversationRecord c =
        conversations.create(
            Callers.scope(s),
            new NewConversation(
                text(body, "friendly_name"),
                emptyToNull(text(body, "unique_name")),
                null,
                null,
                null,
                ClientBodies.attributes(body),
                null,
                Timers.NONE,
                "{}"));
    return new UpstreamResponse(201, json.conversation(c, objects(c)));
  }

  public UpstreamResponse update(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    JsonNode body = ClientBodies.json(r);
    ConversationRecord updated =
        conversations.update(
            Callers.scope(s),
            new ConversationSid(c.sid()),
            new ConversationChanges(
                text(body, "friendly_name"),
                text(body, "unique_name"),
                null,
                null,
                null,
                ClientBodies.attributes(body),
                null,
                Timers.NONE,
                null));
    return UpstreamResponse.ok(json.conversation(updated, objects(updated)));
  }

  public UpstreamResponse delete(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    callers.requireAgent(s, "delete conversations");
    conversations.delete(Callers.scope(s), new ConversationSid(c.sid()));
    return UpstreamResponse.ok(ClientBodies.object());
  }

  public UpstreamResponse sendMessage(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    JsonNode body = ClientBodies.json(r);
    JsonNode media = body.get("media_sids");
    List<String> mediaSids = new ArrayList<>();
    if (media != null && media.isArray()) {
      media.forEach(sid -> mediaSids.add(sid.asText()));
    }
    NewMessage message =
        new NewMessage(
            s.grant().identity(),
            text(body, "body"),
            ClientBodies.attributes(body),
            null,
            null,
            mediaSids,
            text(body, "content_sid"),
            jsonText(body, "content_variables"),
            text(body, "subject"));
    MessageRecord m =
        messages.create(Callers.scope(s), new ConversationSid(c.sid()), message).record();
    return new UpstreamResponse(201, json.message(m));
  }

  public UpstreamResponse updateMessage(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    ownMessage(s, c, p.get(2));
    JsonNode body = ClientBodies.json(r);
    MessageRecord m =
        messages
            .update(
                Callers.scope(s),
                new ConversationSid(c.sid()),
                MessageSid.named(p.get(2)),
                new MessageChanges(
                    null, text(body, "body"), ClientBodies.attributes(body), null, null, null))
            .record();
    return UpstreamResponse.ok(json.message(m));
  }

  public UpstreamResponse removeMessage(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    ownMessage(s, c, p.get(2));
    messages.delete(Callers.scope(s), new ConversationSid(c.sid()), MessageSid.named(p.get(2)));
    return UpstreamResponse.ok(ClientBodies.object());
  }

  /**
   * {@code POST C/{sid}/Participants}: adding someone takes an agent who is a participant. Nobody
   * joins a conversation it cannot see: agents are added through REST (as Flex adds them).
   */
  public UpstreamResponse addParticipant(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    JsonNode body = ClientBodies.json(r);
    String identity = text(body, "identity");
    callers.requireAgent(s, "add participants");
    if (body.hasNonNull("messaging_binding")) {
      throw ApiException.invalid("messaging_binding", "only chat participants can be added here");
    }
    ParticipantRecord added =
        participants.create(
            Callers.scope(s),
            new ConversationSid(c.sid()),
            new NewParticipant(identity, ClientBodies.attributes(body), null, null, null, null));
    return new UpstreamResponse(201, json.participant(added));
  }

  public UpstreamResponse updateParticipant(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    ParticipantRecord target = othersNeedAgent(s, c, p.get(2));
    JsonNode body = ClientBodies.json(r);
    ParticipantRecord updated =
        participants.update(
            Callers.scope(s),
            new ConversationSid(c.sid()),
            new ParticipantSid(target.sid()),
            new ParticipantChanges(
                null,
                ClientBodies.attributes(body),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    return UpstreamResponse.ok(json.participant(updated));
  }

  /** {@code leave()} removes the caller; removing someone else takes an agent. */
  public UpstreamResponse removeParticipant(Session s, UpstreamRequest r, List<String> p) {
    ConversationRecord c = joined(s, p);
    ParticipantRecord target = othersNeedAgent(s, c, p.get(2));
    participants.delete(
        Callers.scope(s), new ConversationSid(c.sid()), new ParticipantSid(target.sid()));
    return UpstreamResponse.ok(ClientBodies.object());
  }

  private ParticipantRecord othersNeedAgent(Session s, ConversationRecord c, String sidOrIdentity) {
    ParticipantRecord target =
        participants.find(
            Callers.scope(s), new ConversationSid(c.sid()), ParticipantRef.of(sidOrIdentity));
    if (!s.grant().identity().equals(target.identity())) {
      callers.requireAgent(s, "change other participants");
    }
    return target;
  }

  private void ownMessage(Session s, ConversationRecord c, String messageSid) {
    MessageRecord m =
        messages
            .find(Callers.scope(s), new ConversationSid(c.sid()), MessageSid.named(messageSid))
            .record();
    if (!s.grant().identity().equals(m.author())) {
      throw Callers.forbidden("only its author may change message " + messageSid);
    }
  }

  /** The conversation of path {@code [service, conversation, …]}, if the caller takes part. */
  ConversationRecord joined(Session s, List<String> p) {
    requireSameService(p.get(0), s.grant().serviceSid());
    return memberships.joined(Callers.scope(s), s.grant().identity(), ConversationRef.of(p.get(1)));
  }

  /** The SIDs of the conversation's Sync objects. */
  SyncDirectory.ConversationObjects objects(ConversationRecord c) {
    return directory.conversation(c.serviceSid(), c.sid());
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
