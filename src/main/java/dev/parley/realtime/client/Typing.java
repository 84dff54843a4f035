package dev.parley.realtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.ParticipantService;
import dev.parley.error.ApiException;
import dev.parley.ids.ConversationSid;
import dev.parley.realtime.Presence;
import dev.parley.realtime.Session;
import dev.parley.realtime.UpstreamRequest;
import dev.parley.realtime.UpstreamResponse;
import dev.parley.store.ConversationRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code conversation.typing()}: nothing is stored, the other participants' sessions are told
 * (docs/realtime-protocol.md §5). The typer's own identity is left out, or a second tab would see
 * itself typing. One session's indicators are passed on at most once a second: a flood reaches
 * nobody.
 */
public final class Typing {
  static final String MESSAGE_TYPE = "twilio.ipmsg.typing_indicator";

  /** The broadcast channel of typing indicators between nodes. */
  static final String CHANNEL = "parley_typing";

  static final int TIMEOUT_SECONDS = 5;
  private static final long MIN_INTERVAL_MS = 1000;
  private static final int MAX_PARTICIPANTS = 1000;
  private final Store store;
  private final ParticipantService participants;
  private final Clock clock;
  private final Presence presence;
  private final ClientCommands commands;
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

  Typing(
      Store store,
      Clock clock,
      Presence presence,
      ClientCommands commands,
      ParticipantService participants) {
    this.store = store;
    this.participants = participants;
    this.clock = clock;
    this.presence = presence;
    this.commands = commands;
  }

  public UpstreamResponse typing(Session s, UpstreamRequest r, List<String> p) {
    String channel = ClientBodies.form(r).get("ChannelSid");
    if (channel == null) {
      throw ApiException.invalid("ChannelSid", "is required");
    }
    ConversationRecord c = commands.joined(s, List.of(p.get(0), channel));
    long now = clock.millis();
    Long previous = lastSent.put(s.id(), now);
    if (previous == null || now - previous >= MIN_INTERVAL_MS) {
      List<ParticipantRecord> others =
          participants
              .page(
                  Callers.scope(s),
                  new ConversationSid(c.sid()),
                  PageRequest.first(MAX_PARTICIPANTS))
              .items();
      ObjectNode message = ClientBodies.object();
      message.put("service", c.serviceSid());
      var to = message.putArray("to");
      others.stream()
          .map(ParticipantRecord::identity)
          .filter(identity -> identity != null && !identity.equals(s.grant().identity()))
          .forEach(to::add);
      ObjectNode indicator = message.putObject("indicator");
      indicator.put("channel_sid", c.sid());
      indicator.put("identity", s.grant().identity());
      indicator.put("typing_timeout", TIMEOUT_SECONDS);
      // Through every node: the other participants may be connected to any of them.
      store.broadcasts().sendNow(CHANNEL, message.toString());
    }
    var answer = ClientBodies.object();
    answer.put("typing_timeout", TIMEOUT_SECONDS);
    return UpstreamResponse.ok(answer);
  }

  /** Shows a broadcast indicator to the addressees connected to this node. */
  void received(String message) {
    JsonNode m = ClientBodies.parse(message);
    String service = m.path("service").asText();
    JsonNode indicator = m.path("indicator");
    for (JsonNode identity : m.path("to")) {
      presence.of(service, identity.asText()).forEach(o -> o.notify(MESSAGE_TYPE, indicator));
    }
  }

  void closed(Session s) {
    lastSent.remove(s.id());
  }
}
