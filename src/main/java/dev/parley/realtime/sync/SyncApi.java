package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessGrant;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.JsonInput;
import dev.parley.realtime.Session;
import dev.parley.realtime.UpstreamRequest;
import dev.parley.realtime.UpstreamResponse;
import dev.parley.store.Store;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sync (CDS) calls the SDK tunnels: object descriptors, item pages and subscriptions
 * (docs/realtime-protocol.md §4.3–4.5). Reads only: the SDK never writes to Sync. {@code
 * app/TunnelRoutes} declares their routes, with the other tunnelled ones.
 */
public final class SyncApi {
  /** A request body: client JSON (a document's data) one level down, within JsonInput's depth. */
  private static final ObjectMapper BODY = JsonInput.ENVELOPE;

  public static final String SUBSCRIPTIONS = "/v4/Subscriptions";
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 1000;

  /**
   * How long the SDK waits for a message of a subscription batch before it sends the batch again: a
   * safety net only, since the establishment follows the answer at once.
   */
  static final int ESTIMATED_DELIVERY_MS = 5000;

  /**
   * Objects per subscription request: the SDK's own default. One request's replays go out as fast
   * as they are read, so this bounds the burst against the connection's write queue.
   */
  static final int MAX_BATCH_SIZE = 100;

  private final Store store;
  private final SyncJson json;
  private final SyncAccess access;
  private final SyncReplay replay;
  private final Subscriptions subscriptions;

  SyncApi(
      Store store,
      SyncJson json,
      SyncAccess access,
      SyncReplay replay,
      Subscriptions subscriptions) {
    this.store = store;
    this.json = json;
    this.access = access;
    this.replay = replay;
    this.subscriptions = subscriptions;
  }

  /** An object's descriptor, {@code GET /v3/{kind}/{object}}; a map's with its first items. */
  public UpstreamResponse descriptor(Session session, UpstreamRequest request, List<String> p) {
    SyncKind kind = kind(request, p);
    return descriptor(session, kind, p.get(1), request);
  }

  /** A page of a map's or list's items, {@code GET /v3/{kind}/{object}/Items}. */
  public UpstreamResponse items(Session session, UpstreamRequest request, List<String> p) {
    SyncKind kind = collection(request, p);
    return items(session, kind, p.get(1), request);
  }

  /** One item of a map or list, {@code GET /v3/{kind}/{object}/Items/{item}}. */
  public UpstreamResponse item(Session session, UpstreamRequest request, List<String> p) {
    SyncKind kind = collection(request, p);
    return UpstreamResponse.ok(item(session.grant(), kind, p.get(1), p.get(2)));
  }

  /** {@code POST /v4/Subscriptions}: establishes or cancels subscriptions. */
  public UpstreamResponse subscriptions(Session session, UpstreamRequest request, List<String> p) {
    return subscribe(session, body(request));
  }

  /** The kind the path names ({@code Maps}, {@code Lists}, {@code Documents}), or a 404. */
  private static SyncKind kind(UpstreamRequest request, List<String> p) {
    SyncKind kind = SyncKind.ofPath(p.get(0));
    if (kind == null) {
      throw new ApiException(TwilioError.NOT_FOUND, request.path());
    }
    return kind;
  }

  /** A kind with items: a document has none. */
  private static SyncKind collection(UpstreamRequest request, List<String> p) {
    SyncKind kind = kind(request, p);
    if (kind == SyncKind.DOCUMENT) {
      throw new ApiException(TwilioError.NOT_FOUND, request.path());
    }
    return kind;
  }

  /** A page's JSON, and when its reply may go out. */
  private record Page(ObjectNode json, PageHorizon horizon) {
    UpstreamResponse response() {
      return UpstreamResponse.ok(json).heldFor(horizon.holdNanos());
    }
  }

  /**
   * The descriptor; the session has opened the object at its {@code last_event_id}, which is where
   * the SDK will subscribe from (see {@link Subscriptions#horizon}).
   */
  private UpstreamResponse descriptor(
      Session session, SyncKind kind, String id, UpstreamRequest request) {
    Page descriptor =
        access.read(
            session.grant(),
            kind,
            id,
            (tx, object) -> {
              ObjectNode read = json.descriptor(object);
              if (kind == SyncKind.MAP && "items".equals(request.param("Include"))) {
                PageHorizon horizon = subscriptions.horizon(session, object.sid());
                read.setAll(page(tx, object, null, false, DEFAULT_PAGE, horizon));
                return new Page(read, horizon);
              }
              return new Page(read, PageHorizon.EVERYTHING);
            });
    if (kind != SyncKind.DOCUMENT) {
      subscriptions.opened(
          session,
          descriptor.json().path("sid").asText(),
          descriptor.json().path("last_event_id").asLong());
    }
    return descriptor.response();
  }

  private ObjectNode item(AccessGrant grant, SyncKind kind, String id, String key) {
    return access.read(
        grant,
        kind,
        id,
        (tx, object) ->
            store
                .sync()
                .findItem(tx, object.sid(), key)
                .filter(item -> !item.removed())
                .map(item -> json.item(object, item))
                .orElseThrow(() -> new ApiException(TwilioError.SYNC_OBJECT_NOT_FOUND, key)));
  }

  /**
   * A page of items. {@code From} is inclusive; {@code Index}/{@code Key} ask for one item. Only
   * the presence of {@code previous_token}/{@code next_token} means anything to the SDK: items
   * exist before/after this page in the query's order. Items created after the session's horizon on
   * the object are left out: they reach it as events (docs/realtime-protocol.md §4.5).
   */
  private UpstreamResponse items(
      Session session, SyncKind kind, String id, UpstreamRequest request) {
    boolean descending = "desc".equalsIgnoreCase(request.param("Order"));
    String only = request.param(kind == SyncKind.LIST ? "Index" : "Key");
    String from = only != null ? only : request.param("From");
    if (kind == SyncKind.LIST && from != null && !from.matches("\\d{1,18}")) {
      throw new ApiException(TwilioError.SYNC_REQUEST_INVALID, "From must be an item index");
    }
    int size = only != null ? 1 : pageSize(request.param("PageSize"));
    return access
        .read(
            session.grant(),
            kind,
            id,
            (tx, object) -> {
              PageHorizon horizon = subscriptions.horizon(session, object.sid());
              if (only == null) {
                return new Page(page(tx, object, from, descending, size, horizon), horizon);
              }
              ObjectNode result = SyncJson.JSON.createObjectNode();
              ArrayNode items = result.putArray("items");
              store
                  .sync()
                  .findItem(tx, object.sid(), only)
                  .filter(item -> !item.removed() && horizon.shows(item.createdEventId()))
                  .ifPresent(item -> items.add(json.item(object, item)));
              ObjectNode meta = result.putObject("meta");
              meta.putNull("previous_token");
              meta.putNull("next_token");
              return new Page(result, horizon);
            })
        .response();
  }

  private ObjectNode page(
      Tx tx,
      SyncObjectRecord object,
      String from,
      boolean descending,
      int size,
      PageHorizon horizon) {
    boolean list = SyncJson.kind(object) == SyncKind.LIST;
    List<SyncItemRecord> rows = shown(tx, object.sid(), list, from, descending, size + 1, horizon);
    ObjectNode result = SyncJson.JSON.createObjectNode();
    ArrayNode items = result.putArray("items");
    rows.stream().limit(size).forEach(item -> items.add(json.item(object, item)));
    ObjectNode meta = result.putObject("meta");
    boolean before =
        from != null && store.sync().hasItemBefore(tx, object.sid(), list, from, descending);
    meta.put("previous_token", before ? "before-" + from : null);
    meta.put("next_token", rows.size() > size ? "after-" + rows.get(size - 1).itemKey() : null);
    meta.put("page_size", size);
    return result;
  }

  /**
   * Up to {@code limit} items in the query's order, leaving out those created after {@code
   * horizon}.
   */
  private List<SyncItemRecord> shown(
      Tx tx,
      String sid,
      boolean list,
      String from,
      boolean descending,
      int limit,
      PageHorizon horizon) {
    for (int asked = limit; ; asked *= 2) {
      List<SyncItemRecord> rows = store.sync().items(tx, sid, list, from, descending, asked);
      List<SyncItemRecord> shown =
          rows.stream().filter(item -> horizon.shows(item.createdEventId())).limit(limit).toList();
      // Left-out items took places: read further unless there is no more.
      if (shown.size() == limit || rows.size() < asked) {
        return shown;
      }
    }
  }

  private static int pageSize(String value) {
    if (value == null) {
      return DEFAULT_PAGE;
    }
    try {
      return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      throw new ApiException(TwilioError.SYNC_REQUEST_INVALID, "PageSize must be a number");
    }
  }

  /**
   * Establishes or cancels subscriptions, as Twilio does: {@code 202} at once, then the replay and
   * {@code subscription_established} of each object (or {@code subscription_canceled}) after the
   * answer. The SDK sends the subscriptions it wants while a batch is in flight only when a message
   * of that batch arrives after its answer (docs/realtime-protocol.md §4.5): with them before the
   * answer, they would wait {@code estimated_delivery_in_ms}. Each subscription is registered
   * before the answer, so no change committed from then on is missed.
   */
  private UpstreamResponse subscribe(Session session, JsonNode body) {
    String action = body.path("action").asText("");
    long correlationId = body.path("correlation_id").asLong(0);
    JsonNode requests = body.path("requests");
    if (!requests.isArray() || !(action.equals("establish") || action.equals("cancel"))) {
      throw new ApiException(
          TwilioError.SYNC_REQUEST_INVALID, "action must be establish or cancel, with requests");
    }
    List<Runnable> then = new ArrayList<>(requests.size());
    for (JsonNode request : requests) {
      String sid = request.path("object_sid").asText("");
      if (action.equals("cancel")) {
        subscriptions.drop(session, sid);
        then.add(() -> subscriptions.canceled(session, sid, correlationId));
      } else {
        JsonNode last = request.get("last_event_id");
        Long lastEventId = last == null || last.isNull() ? null : last.asLong();
        String objectType = request.path("object_type").asText("");
        Subscriber subscriber = subscriptions.subscribe(session, sid, lastEventId);
        then.add(
            () -> replay.establish(session, subscriber, objectType, lastEventId, correlationId));
      }
    }
    ObjectNode answer = SyncJson.JSON.createObjectNode();
    answer.put("estimated_delivery_in_ms", ESTIMATED_DELIVERY_MS);
    answer.put("max_batch_size", MAX_BATCH_SIZE);
    answer.put("ttl_in_s", -1);
    return UpstreamResponse.accepted(answer, () -> then.forEach(Runnable::run));
  }

  private static JsonNode body(UpstreamRequest request) {
    try {
      JsonNode body = BODY.readTree(request.body());
      if (body == null || !body.isObject()) {
        throw new ApiException(TwilioError.SYNC_REQUEST_INVALID, "the body must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw new ApiException(TwilioError.SYNC_REQUEST_INVALID, "the body is not JSON");
    }
  }
}
