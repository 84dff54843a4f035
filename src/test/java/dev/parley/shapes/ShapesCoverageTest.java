package dev.parley.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.events.Change.StateReason;
import dev.parley.events.EventFields;
import dev.parley.events.Origin;
import dev.parley.json.Json;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.UserRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every component of an entity's store record shows in each of the entity's wire shapes, or is in
 * the entity's {@code LEFT_OUT} list with a reason; and a listed one indeed does not show. Adding a
 * record component fails here until each shape carries it or says why not.
 */
class ShapesCoverageTest {
  /** Stored media are a list of items, each shape renders the items in its own case. */
  private static final Object[] MEDIA = {
    "[{\"sid\":\"ME<<media>>\",\"content_type\":\"image/png\",\"filename\":\"a.png\","
        + "\"size\":1,\"category\":\"media\"}]",
    "ME<<media>>"
  };

  private static final Object[] BINDING = {
    "{\"type\":\"sms\",\"address\":\"<<messagingBinding>>\",\"proxy_address\":\"+15550002222\"}",
    "<<messagingBinding>>"
  };

  @Test
  void every_conversation_field_shows_in_each_shape_or_is_left_out() {
    Sentinels<ConversationRecord> s = new Sentinels<>(ConversationRecord.class, Map.of());
    Map<Shape, Function<ConversationRecord, String>> shapes = new EnumMap<>(Shape.class);
    shapes.put(Shape.REST, c -> json(ConversationShapes.rest(c, "URL")));
    shapes.put(
        Shape.CLIENT,
        c ->
            ConversationShapes.client(
                    c, "URL", new ConversationShapes.SyncObjects("DOC", "LIST", "MAP"))
                .toString());
    shapes.put(Shape.SYNC, c -> ConversationShapes.sync(c, "LIST", "MAP", null).toString());
    shapes.put(
        Shape.EVENT,
        c ->
            ConversationShapes.event(common(c.accountSid(), c.serviceSid()), c, null)
                .asMap()
                .toString());
    shapes.put(
        Shape.PRE_ACTION,
        c ->
            ConversationShapes.preAction(common(c.accountSid(), c.serviceSid()), c)
                .asMap()
                .toString());

    assertCovered(s, shapes, ConversationShapes.LEFT_OUT);
  }

  @Test
  void a_state_change_names_the_conversation_and_both_states() {
    Sentinels<ConversationRecord> s = new Sentinels<>(ConversationRecord.class, Map.of());

    String fields =
        ConversationShapes.stateEvent(
                common(s.record.accountSid(), s.record.serviceSid()),
                s.record,
                s.record,
                StateReason.TIMER)
            .asMap()
            .toString();

    for (String component : List.of("sid", "state", "dateUpdated", "messagingServiceSid")) {
      assertThat(fields).as(component).contains(s.shownAs.get(component));
    }
  }

  @Test
  void every_participant_field_shows_in_each_shape_or_is_left_out() {
    Sentinels<ParticipantRecord> s =
        new Sentinels<>(ParticipantRecord.class, Map.of("messagingBinding", BINDING));
    Map<Shape, Function<ParticipantRecord, String>> shapes = new EnumMap<>(Shape.class);
    shapes.put(Shape.REST, p -> json(ParticipantShapes.rest(p, p.serviceSid(), "URL")));
    shapes.put(Shape.CLIENT, p -> ParticipantShapes.client(p, "URL").toString());
    shapes.put(Shape.SYNC, p -> ParticipantShapes.sync(p, "MAP").toString());
    shapes.put(
        Shape.EVENT,
        p ->
            ParticipantShapes.updated(common(p.accountSid(), p.serviceSid()), p)
                .asMap()
                .toString());
    shapes.put(
        Shape.PRE_ACTION,
        p ->
            ParticipantShapes.preAction(
                    common(p.accountSid(), p.serviceSid()), p, p.attributes(), p.roleSid())
                .asMap()
                .toString());

    assertCovered(s, shapes, ParticipantShapes.LEFT_OUT);
  }

  @Test
  void every_message_field_shows_in_each_shape_or_is_left_out() {
    Sentinels<MessageRecord> s = new Sentinels<>(MessageRecord.class, Map.of("media", MEDIA));
    Map<Shape, Function<MessageRecord, String>> shapes = new EnumMap<>(Shape.class);
    shapes.put(Shape.REST, m -> json(MessageShapes.rest(m, null, m.serviceSid(), "URL")));
    shapes.put(Shape.CLIENT, m -> MessageShapes.client(m, "URL").toString());
    shapes.put(Shape.SYNC, m -> MessageShapes.sync(m).toString());
    shapes.put(
        Shape.EVENT,
        m -> MessageShapes.updated(common(m.accountSid(), m.serviceSid()), m).asMap().toString());
    shapes.put(
        Shape.PRE_ACTION,
        m ->
            MessageShapes.preAction(
                    common(m.accountSid(), m.serviceSid()), m, m.body(), m.author(), m.attributes())
                .asMap()
                .toString());

    assertCovered(s, shapes, MessageShapes.LEFT_OUT);
  }

  @Test
  void every_user_field_shows_in_each_shape_or_is_left_out() {
    Sentinels<UserRecord> s = new Sentinels<>(UserRecord.class, Map.of());
    Map<Shape, Function<UserRecord, String>> shapes = new EnumMap<>(Shape.class);
    shapes.put(Shape.REST, u -> json(UserShapes.rest(u, "URL")));
    shapes.put(Shape.CLIENT, u -> UserShapes.client(u, "URL", "MAP1", "MAP2").toString());
    shapes.put(Shape.SYNC, u -> UserShapes.sync(u).toString());
    shapes.put(
        Shape.EVENT,
        u -> UserShapes.updated(common(u.accountSid(), u.serviceSid()), u).asMap().toString());
    shapes.put(
        Shape.PRE_ACTION,
        u ->
            UserShapes.preAction(
                    common(u.accountSid(), u.serviceSid()),
                    u,
                    u.roleSid(),
                    u.attributes(),
                    u.friendlyName())
                .asMap()
                .toString());

    assertCovered(s, shapes, UserShapes.LEFT_OUT);
  }

  /** The participant's side of a membership; its conversation's is the conversation's shapes'. */
  @Test
  void every_participant_field_shows_in_each_membership_shape_or_is_left_out() {
    Sentinels<ParticipantRecord> s =
        new Sentinels<>(ParticipantRecord.class, Map.of("messagingBinding", BINDING));
    ConversationRecord c = new Sentinels<>(ConversationRecord.class, Map.of(), 1).record;
    Map<Shape, Function<ParticipantRecord, String>> shapes = new EnumMap<>(Shape.class);
    shapes.put(
        Shape.REST,
        p ->
            json(
                MembershipShapes.userConversation(
                    new MembershipRecord(p, c, "US1", 3L), "US1", "URL", "CURL")));
    shapes.put(
        Shape.CLIENT,
        p ->
            MembershipShapes.client(
                    new MembershipRecord(p, c, "US1", 3L),
                    "URL",
                    "CURL",
                    new ConversationShapes.SyncObjects("DOC", "LIST", "MAP"))
                .toString());
    shapes.put(Shape.SYNC, p -> MembershipShapes.sync("DOC", p).toString());

    assertCovered(s, shapes, MembershipShapes.LEFT_OUT);
  }

  private static <R extends Record> void assertCovered(
      Sentinels<R> s, Map<Shape, Function<R, String>> shapes, List<LeftOut> leftOut) {
    Set<String> components = s.shownAs.keySet();
    assertThat(leftOut.stream().map(LeftOut::component))
        .as("LEFT_OUT names components of the record")
        .allMatch(components::contains);
    assertThat(leftOut.stream().map(LeftOut::shape))
        .as("LEFT_OUT names only the shapes tested")
        .allMatch(shapes::containsKey);
    List<String> wrong = new ArrayList<>();
    shapes.forEach(
        (shape, render) -> {
          String rendered = render.apply(s.record);
          Set<String> out = LeftOut.of(leftOut, shape);
          for (String component : components) {
            boolean shows = rendered.contains(s.shownAs.get(component));
            if (!shows && !out.contains(component)) {
              wrong.add(shape + " lacks " + component + " (add it, or list it in LEFT_OUT)");
            }
            if (shows && out.contains(component)) {
              wrong.add(shape + " shows " + component + ", which LEFT_OUT lists");
            }
          }
        });
    assertThat(wrong).as(Arrays.toString(s.record.getClass().getRecordComponents())).isEmpty();
  }

  private static EventFields common(String accountSid, String serviceSid) {
    return EventFields.common(accountSid, "onTest", Origin.API, serviceSid);
  }

  private static String json(Object view) {
    try {
      return Json.MAPPER.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
