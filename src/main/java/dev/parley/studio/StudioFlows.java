package dev.parley.studio;

import static dev.parley.conversation.Changes.or;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioRevisionRecord;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Studio flows and their revisions (https://www.twilio.com/docs/studio/rest-api/v2/flow). Every
 * create and update saves a new revision; publishing needs a valid definition (81022 otherwise),
 * while a draft may be saved invalid, with {@code valid=false} and its errors listed. New
 * executions run the newest published revision, so editing a draft changes nothing that runs.
 */
public final class StudioFlows {
  public static final String DRAFT = "draft";
  public static final String PUBLISHED = "published";
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;

  public StudioFlows(Store store, Clock clock, SidGenerator sids) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
  }

  /** Validates without saving: 81022 naming the first error, else normally. */
  public void validate(NewFlow request) {
    Validation validation =
        FlowValidator.check(StudioJson.definition("Definition", request.definition()));
    if (!validation.valid()) {
      throw invalid(validation);
    }
  }

  public Flow create(String accountSid, NewFlow request) {
    ObjectNode definition = StudioJson.definition("Definition", request.definition());
    Validation validation = checked(request.status(), definition);
    return store.write(tx -> create(tx, accountSid, request, definition, validation));
  }

  /** Creates a flow inside the caller's transaction (the default flow's set-up). */
  Flow create(Tx tx, String accountSid, NewFlow request) {
    ObjectNode definition = StudioJson.definition("Definition", request.definition());
    return create(tx, accountSid, request, definition, checked(request.status(), definition));
  }

  private Flow create(
      Tx tx, String accountSid, NewFlow request, ObjectNode definition, Validation validation) {
    Instant now = clock.instant();
    String sid = sids.next(SidPrefix.STUDIO_FLOW);
    StudioFlowRecord flow =
        new StudioFlowRecord(
            sid,
            accountSid,
            request.friendlyName(),
            request.status(),
            1,
            PUBLISHED.equals(request.status()) ? 1 : null,
            now,
            now);
    StudioRevisionRecord revision = revision(flow, definition, request, validation, now);
    store.studio().insertFlow(tx, flow);
    store.studio().insertRevision(tx, revision);
    return new Flow(flow, revision);
  }

  public Flow find(String accountSid, String sid) {
    return store.read(
        tx -> {
          StudioFlowRecord flow = flow(tx, accountSid, sid);
          return new Flow(flow, latest(tx, flow));
        });
  }

  public Slice<Flow> page(String accountSid, PageRequest page) {
    return store.read(
        tx ->
            store
                .studio()
                .flows(tx, accountSid, page)
                .map(flow -> new Flow(flow, latest(tx, flow))));
  }

  public Flow update(String accountSid, String sid, NewFlow changes) {
    ObjectNode given =
        changes.definition() == null
            ? null
            : StudioJson.definition("Definition", changes.definition());
    return store.write(
        tx -> {
          StudioFlowRecord current = flow(tx, accountSid, sid);
          ObjectNode definition =
              given != null
                  ? given
                  : (ObjectNode) StudioJson.read(latest(tx, current).definition());
          Validation validation = checked(changes.status(), definition);
          Instant now = clock.instant();
          int next = current.revision() + 1;
          StudioFlowRecord updated =
              new StudioFlowRecord(
                  current.sid(),
                  current.accountSid(),
                  or(changes.friendlyName(), current.friendlyName()),
                  changes.status(),
                  next,
                  PUBLISHED.equals(changes.status()) ? next : current.published(),
                  current.dateCreated(),
                  now);
          StudioRevisionRecord revision =
              revision(
                  updated,
                  definition,
                  new NewFlow(
                      updated.friendlyName(), changes.status(), null, changes.commitMessage()),
                  validation,
                  now);
          store.studio().updateFlow(tx, updated);
          store.studio().insertRevision(tx, revision);
          return new Flow(updated, revision);
        });
  }

  public void delete(String accountSid, String sid) {
    store.write(
        tx -> {
          store.studio().deleteFlow(tx, flow(tx, accountSid, sid).sid());
          return null;
        });
  }

  /**
   * One revision: a number, or {@code LatestPublished} / {@code LatestRevision} as Twilio's
   * Revisions resource takes them.
   */
  public StudioRevisionRecord revision(String accountSid, String sid, String revision) {
    return store.read(
        tx -> {
          StudioFlowRecord flow = flow(tx, accountSid, sid);
          Integer number =
              switch (revision) {
                case "LatestPublished" -> flow.published();
                case "LatestRevision" -> flow.revision();
                default -> revisionNumber(revision);
              };
          if (number == null) {
            throw ApiException.notFound();
          }
          return store.studio().findRevision(tx, sid, number).orElseThrow(ApiException::notFound);
        });
  }

  public Slice<StudioRevisionRecord> revisions(String accountSid, String sid, PageRequest page) {
    return store.read(tx -> store.studio().revisions(tx, flow(tx, accountSid, sid).sid(), page));
  }

  /** The identities that run the flow's latest revision, draft or not, in conversations. */
  public List<String> testUsers(String accountSid, String sid) {
    return store.read(tx -> testUsers(tx, flow(tx, accountSid, sid)));
  }

  public List<String> setTestUsers(String accountSid, String sid, List<String> testUsers) {
    return store.write(
        tx -> {
          store
              .studio()
              .setTestUsers(tx, flow(tx, accountSid, sid).sid(), StudioJson.write(testUsers));
          return testUsers;
        });
  }

  List<String> testUsers(Tx tx, StudioFlowRecord flow) {
    List<String> users = new ArrayList<>();
    StudioJson.read(store.studio().testUsers(tx, flow.sid())).forEach(u -> users.add(u.asText()));
    return users;
  }

  /** The revision a contact's conversation runs: the latest for a test user, if valid. */
  Integer revisionFor(Tx tx, StudioFlowRecord flow, String contact) {
    if (testUsers(tx, flow).contains(contact) && latest(tx, flow).valid()) {
      return flow.revision();
    }
    return flow.published();
  }

  /** The account's flow {@code sid}, or a 404 (another account's flow is as unknown as none). */
  StudioFlowRecord flow(Tx tx, String accountSid, String sid) {
    return store.studio().findFlow(tx, accountSid, sid).orElseThrow(ApiException::notFound);
  }

  private StudioRevisionRecord latest(Tx tx, StudioFlowRecord flow) {
    return store
        .studio()
        .findRevision(tx, flow.sid(), flow.revision())
        .orElseThrow(() -> new IllegalStateException("flow " + flow.sid() + " lost its revision"));
  }

  private static Integer revisionNumber(String revision) {
    try {
      return Integer.parseInt(revision);
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }

  private static Validation checked(String status, ObjectNode definition) {
    Validation validation = FlowValidator.check(definition);
    if (PUBLISHED.equals(status) && !validation.valid()) {
      throw invalid(validation);
    }
    return validation;
  }

  private static ApiException invalid(Validation validation) {
    Problem first = validation.errors().get(0);
    int more = validation.errors().size() - 1;
    return new ApiException(
        TwilioError.FLOW_INVALID,
        first.message()
            + " (at "
            + first.propertyPath()
            + ")"
            + (more > 0 ? " and " + more + " more" : ""));
  }

  private static StudioRevisionRecord revision(
      StudioFlowRecord flow,
      ObjectNode definition,
      NewFlow request,
      Validation validation,
      Instant now) {
    return new StudioRevisionRecord(
        flow.sid(),
        flow.revision(),
        flow.friendlyName(),
        flow.status(),
        StudioJson.write(definition),
        request.commitMessage(),
        validation.valid(),
        StudioJson.problems(validation.errors()),
        StudioJson.problems(validation.warnings()),
        handsOver(definition),
        now,
        now);
  }

  /**
   * Whether the trigger's {@code incomingConversationMessage} goes straight to Send to Flex (the
   * Webchat Flow's shape): such a flow has nothing to do with a chat before agents take it, so the
   * console lists the chat as waiting from the start.
   */
  static boolean handsOver(ObjectNode definition) {
    String initial = definition.path("initial_state").asText();
    String next = null;
    for (var state : definition.path("states")) {
      if (initial.equals(state.path("name").asText())) {
        for (var transition : state.path("transitions")) {
          if ("incomingConversationMessage".equals(transition.path("event").asText())) {
            next = transition.path("next").asText(null);
          }
        }
      }
    }
    for (var state : definition.path("states")) {
      if (next != null && next.equals(state.path("name").asText())) {
        return "send-to-flex".equals(state.path("type").asText());
      }
    }
    return false;
  }
}
