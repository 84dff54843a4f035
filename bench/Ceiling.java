import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare ceiling of a store (issue 16): the least a server can do to write what Parley writes per
 * request, with the same durability, so every Parley figure can be given as a share of it.
 *
 * <p>{@code POST /v2/WebChats} writes four rows (user, conversation, participant, event); {@code
 * POST /v1/Conversations/{sid}/Messages} writes the message, moves the conversation's last message
 * index and writes the event, and with {@code X-Twilio-Webhook-Enabled: true} also a webhook
 * delivery row. One writer thread group-commits: it takes every request waiting, writes their rows
 * as one batch per table in one transaction, commits (SQLite WAL with {@code synchronous=FULL}, or
 * PostgreSQL with {@code synchronous_commit=on}: one fsync per commit) and only then answers them.
 * No authentication, no validation, no JSON model, no realtime projection: a floor for the cost of
 * the writes alone. Run as a single-file program on Parley's jar: {@code java -cp parley.jar
 * bench/Ceiling.java PORT JDBC_URL}, the URL {@code jdbc:sqlite:/path/file.db} or {@code
 * jdbc:postgresql://host:port/db?user=postgres} (an empty database: the tables are made here).
 */
public class Ceiling {
  static final Pattern MESSAGES = Pattern.compile("^/v1/Conversations/(CH[0-9a-f]{32})/Messages$");
  static final int MAX_BATCH = 1024;
  static final String ACCOUNT = "AC0000000000000000000000000000b001";
  static final String SERVICE = "IS0000000000000000000000000000b001";
  static final String FLOW = "FW0000000000000000000000000000b001";

  record Job(
      boolean webchat,
      String conversation,
      String body,
      boolean webhook,
      HttpServerRequest request,
      Context context) {}

  static final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String url = args[1];
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    Connection db = DriverManager.getConnection(url);
    schema(db, sqlite);
    Thread writer = new Thread(() -> write(db), "ceiling-writer");
    writer.setDaemon(true);
    writer.start();
    Vertx.vertx()
        .createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
        .requestHandler(Ceiling::handle)
        .listen()
        .onSuccess(server -> System.out.println("ceiling listening on " + server.actualPort()));
  }

  static void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method().name().equals("GET")) {
      request.response().end("ceiling");
      return;
    }
    Matcher messages = MESSAGES.matcher(path);
    boolean webchat = path.equals("/v2/WebChats");
    if (!webchat && !messages.matches()) {
      request.response().setStatusCode(404).end();
      return;
    }
    boolean webhook = "true".equalsIgnoreCase(request.getHeader("X-Twilio-Webhook-Enabled"));
    Context context = Vertx.currentContext();
    request
        .body()
        .onSuccess(
            body ->
                queue.add(
                    new Job(
                        webchat,
                        webchat ? null : messages.group(1),
                        body.toString(),
                        webhook,
                        request,
                        context)));
  }

  static void schema(Connection db, boolean sqlite) throws SQLException {
    String pk = sqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY";
    try (Statement s = db.createStatement()) {
      if (sqlite) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
      } else {
        s.execute("SET synchronous_commit = on");
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS users (seq "
              + pk
              + ", sid TEXT NOT NULL UNIQUE, account_sid TEXT NOT NULL, service_sid TEXT NOT NULL,"
              + " identity TEXT NOT NULL, friendly_name TEXT, attributes TEXT NOT NULL,"
              + " role_sid TEXT, date_created BIGINT NOT NULL, date_updated BIGINT NOT NULL,"
              + " UNIQUE (service_sid, identity))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS conversations (seq "
              + pk
              + ", sid TEXT NOT NULL UNIQUE, account_sid TEXT NOT NULL, service_sid TEXT NOT NULL,"
              + " friendly_name TEXT, attributes TEXT NOT NULL, state TEXT NOT NULL,"
              + " last_message_index BIGINT NOT NULL, date_created BIGINT NOT NULL,"
              + " date_updated BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS participants (seq "
              + pk
              + ", sid TEXT NOT NULL UNIQUE, account_sid TEXT NOT NULL, service_sid TEXT NOT NULL,"
              + " conversation_sid TEXT NOT NULL REFERENCES conversations(sid), identity TEXT,"
              + " attributes TEXT NOT NULL, role_sid TEXT, date_created BIGINT NOT NULL,"
              + " date_updated BIGINT NOT NULL, UNIQUE (conversation_sid, identity))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS messages (seq "
              + pk
              + ", sid TEXT NOT NULL UNIQUE, account_sid TEXT NOT NULL, service_sid TEXT NOT NULL,"
              + " conversation_sid TEXT NOT NULL REFERENCES conversations(sid), idx BIGINT NOT NULL,"
              + " author TEXT NOT NULL, body TEXT, attributes TEXT NOT NULL,"
              + " date_created BIGINT NOT NULL, UNIQUE (conversation_sid, idx))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS events (seq "
              + pk
              + ", account_sid TEXT NOT NULL, service_sid TEXT, conversation_sid TEXT,"
              + " type TEXT NOT NULL, source TEXT NOT NULL, client_identity TEXT,"
              + " params TEXT NOT NULL, date_created BIGINT NOT NULL)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS events_conversation ON events(conversation_sid, seq)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS webhook_deliveries (seq "
              + pk
              + ", sid TEXT NOT NULL UNIQUE, account_sid TEXT NOT NULL,"
              + " event_seq BIGINT NOT NULL REFERENCES events(seq), lane TEXT NOT NULL,"
              + " url TEXT, method TEXT NOT NULL, status TEXT NOT NULL, date_created BIGINT NOT NULL)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries(lane, seq)");
      // A web chat on the default chat address gets the studio webhook of its Webchat Flow.
      s.execute(
          "CREATE TABLE IF NOT EXISTS conversation_webhooks (seq "
              + pk
              + ", sid TEXT NOT NULL UNIQUE, account_sid TEXT NOT NULL,"
              + " conversation_sid TEXT NOT NULL REFERENCES conversations(sid),"
              + " target TEXT NOT NULL, flow_sid TEXT, date_created BIGINT NOT NULL)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS conversation_webhooks_conversation"
              + " ON conversation_webhooks(conversation_sid)");
    }
    db.setAutoCommit(false);
  }

  static long nextSeq(Connection db, String table) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  static String sid(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  /** The writer thread: one transaction and one commit for every request waiting. */
  static void write(Connection db) {
    try {
      long eventSeq = nextSeq(db, "events");
      Map<String, Long> lastIndex = new HashMap<>();
      PreparedStatement user =
          db.prepareStatement(
              "INSERT INTO users (seq, sid, account_sid, service_sid, identity, friendly_name,"
                  + " attributes, date_created, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      PreparedStatement conversation =
          db.prepareStatement(
              "INSERT INTO conversations (seq, sid, account_sid, service_sid, friendly_name,"
                  + " attributes, state, last_message_index, date_created, date_updated)"
                  + " VALUES (?, ?, ?, ?, ?, ?, 'active', -1, ?, ?)");
      PreparedStatement participant =
          db.prepareStatement(
              "INSERT INTO participants (seq, sid, account_sid, service_sid, conversation_sid,"
                  + " identity, attributes, date_created, date_updated)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      PreparedStatement message =
          db.prepareStatement(
              "INSERT INTO messages (seq, sid, account_sid, service_sid, conversation_sid, idx,"
                  + " author, body, attributes, date_created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?)");
      PreparedStatement moveIndex =
          db.prepareStatement(
              "UPDATE conversations SET last_message_index = ?, date_updated = ? WHERE sid = ?");
      PreparedStatement event =
          db.prepareStatement(
              "INSERT INTO events (seq, account_sid, service_sid, conversation_sid, type, source,"
                  + " client_identity, params, date_created) VALUES (?, ?, ?, ?, ?, 'api', ?, ?, ?)");
      PreparedStatement webhook =
          db.prepareStatement(
              "INSERT INTO conversation_webhooks (seq, sid, account_sid, conversation_sid, target,"
                  + " flow_sid, date_created) VALUES (?, ?, ?, ?, 'studio', ?, ?)");
      PreparedStatement delivery =
          db.prepareStatement(
              "INSERT INTO webhook_deliveries (seq, sid, account_sid, event_seq, lane, url, method,"
                  + " status, date_created) VALUES (?, ?, ?, ?, ?, 'http://127.0.0.1/hook', 'POST',"
                  + " 'pending', ?)");
      long rowSeq = eventSeq;
      List<Job> batch = new ArrayList<>();
      List<String> answers = new ArrayList<>();
      while (true) {
        batch.clear();
        answers.clear();
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        long now = System.currentTimeMillis();
        boolean users = false, messages = false, deliveries = false;
        for (Job job : batch) {
          long seq = ++rowSeq;
          if (job.webchat()) {
            String identity = UUID.randomUUID().toString();
            String ch = sid("CH");
            String attributes = "{\"pre_engagement_data\":" + quote(job.body()) + "}";
            bind(user, seq, sid("US"), ACCOUNT, SERVICE, identity, "Visitor", attributes, now, now);
            bind(conversation, seq, ch, ACCOUNT, SERVICE, "Bench", attributes, now, now);
            bind(participant, seq, sid("MB"), ACCOUNT, SERVICE, ch, identity, attributes, now, now);
            bind(event, seq, ACCOUNT, SERVICE, ch, "onConversationAdded", null, attributes, now);
            bind(webhook, seq, sid("WH"), ACCOUNT, ch, FLOW, now);
            lastIndex.put(ch, -1L);
            users = true;
            answers.add(
                "{\"conversation_sid\":\""
                    + ch
                    + "\",\"identity\":\""
                    + identity
                    + "\",\"token\":\"\"}");
          } else {
            String ch = job.conversation();
            Long last = lastIndex.get(ch);
            if (last == null) {
              last = lastIndex(db, ch);
            }
            if (last == null) {
              answers.add(null);
              continue;
            }
            long index = last + 1;
            lastIndex.put(ch, index);
            String im = sid("IM");
            bind(message, seq, im, ACCOUNT, SERVICE, ch, index, "bench", job.body(), now);
            bind(moveIndex, index, now, ch);
            bind(event, seq, ACCOUNT, SERVICE, ch, "onMessageAdded", "bench", job.body(), now);
            if (job.webhook()) {
              bind(delivery, seq, sid("WD"), ACCOUNT, seq, ch, now);
              deliveries = true;
            }
            messages = true;
            answers.add(
                "{\"sid\":\"" + im + "\",\"conversation_sid\":\"" + ch + "\",\"index\":" + index + "}");
          }
        }
        if (users) {
          user.executeBatch();
          conversation.executeBatch();
          participant.executeBatch();
          webhook.executeBatch();
        }
        if (messages) {
          message.executeBatch();
          moveIndex.executeBatch();
        }
        event.executeBatch();
        if (deliveries) {
          delivery.executeBatch();
        }
        db.commit();
        for (int i = 0; i < batch.size(); i++) {
          Job job = batch.get(i);
          String answer = answers.get(i);
          job.context()
              .runOnContext(
                  ignored -> {
                    if (answer == null) {
                      job.request().response().setStatusCode(404).end();
                    } else {
                      job.request()
                          .response()
                          .setStatusCode(201)
                          .putHeader("Content-Type", "application/json")
                          .end(answer);
                    }
                  });
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static Long lastIndex(Connection db, String conversation) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement("SELECT last_message_index FROM conversations WHERE sid = ?")) {
      s.setString(1, conversation);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }

  static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    statement.addBatch();
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
