package dev.parley.store.sql;

import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore.IndexTaken;
import dev.parley.store.ConversationStore.IndexWanted;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The message indexes a PostgreSQL batch of message posts takes in one round trip before its jobs
 * run ({@link PostgresGroupCommit}): each conversation posted to (matched by its SID, account and
 * service) is locked (in the order of its SID, so that two nodes' batches never wait for each other
 * in a circle) and advanced by its number of posts at once, in one statement that also reads the
 * posts' authors' participants; each post then takes its index from here, in the order the jobs
 * run, without a statement of its own.
 *
 * <p>Gapless and in commit order, as one statement a post: the rows stay locked until the batch
 * commits; a job rolled back gives its index back ({@link #rollBackTo}: jobs run one at a time, so
 * it was the last taken), and an index reserved but not taken (a post that failed, or ran again in
 * a later batch) is given back before the commit ({@link #givenBack}). Only a batch of posts alone
 * reserves: no other job of it can change a conversation between the reservation and a post.
 */
final class MessageIndexes {
  private static final String KEY = MessageIndexes.class.getName();

  private static final RecordMapper<ConversationRecord> MAPPER =
      RecordMapper.of(ConversationRecord.class);

  /**
   * The posts' conversations, each matched by its SID, account and service, with its number of
   * posts: read once from the arrays bound, for the lock and the advance both.
   */
  private static final String WANTED =
      "w AS MATERIALIZED (SELECT sid, account_sid, service_sid, count(*) AS n"
          + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
          + " AS u(sid, account_sid, service_sid) GROUP BY sid, account_sid, service_sid)";

  private static final String MATCHES =
      "c.sid = w.sid AND c.account_sid = w.account_sid AND c.service_sid = w.service_sid"
          + " AND c.state <> 'closed'";

  /**
   * Locks the posts' conversations in the order of their SIDs (an aggregate, which reads and locks
   * every row before the first one is advanced), advances each by its number of posts and gives,
   * with each, its participants among the posts' authors ({identity, SID} pairs): one statement.
   * Under READ COMMITTED a row another transaction changed while this one waited for its lock is
   * advanced as it stands once locked (and skipped when it no longer matches: closed).
   */
  private static final String ADVANCE =
      "WITH "
          + WANTED
          + ", l AS MATERIALIZED (SELECT array_agg(x.sid) AS sids FROM (SELECT c.sid"
          + " FROM conversations c JOIN w ON "
          + MATCHES
          + " ORDER BY c.sid FOR UPDATE OF c) AS x)"
          + " UPDATE conversations c SET last_message_index = c.last_message_index + w.n"
          + " FROM l, w WHERE "
          + MATCHES
          + " AND c.sid = ANY(l.sids) RETURNING c.*, (SELECT array_agg(ARRAY[p.identity, p.sid])"
          + " FROM participants p WHERE p.conversation_sid = c.sid"
          + " AND p.identity = ANY(CAST(? AS text[]))) AS reserved_authors";

  private static final String GIVE_BACK =
      "UPDATE conversations SET last_message_index = ? WHERE sid = ?";

  /** A conversation's row as reserved, its last index stored and the last one taken. */
  private static final class Reserved {
    final ConversationRecord row;
    long stored;
    long taken;

    Reserved(ConversationRecord row, long stored, long taken) {
      this.row = row;
      this.stored = stored;
      this.taken = taken;
    }
  }

  private final Map<String, Reserved> conversations = new HashMap<>();
  private final Map<String, String> authors = new HashMap<>();

  /** What each take changed (the conversation and its counts before), to roll a job back. */
  private final Deque<Object[]> takes = new ArrayDeque<>();

  private MessageIndexes() {}

  /**
   * Reserves the indexes {@code wanted} on {@code handle}'s transaction, which has sent nothing
   * yet, in one round trip (with {@code then} after the reservation's statements), and lets the
   * handle's {@link SqlConversations#takeMessageIndex} take them.
   */
  static MessageIndexes reserve(Handle handle, List<IndexWanted> wanted, Pipeline.Held then)
      throws SQLException {
    Set<String> identities = new LinkedHashSet<>();
    for (IndexWanted w : wanted) {
      if (w.author() != null) {
        identities.add(w.author());
      }
    }
    MessageIndexes indexes = new MessageIndexes();
    Connection connection = handle.getConnection();
    Pipeline.run(
        connection,
        List.of(
            new Pipeline.Held(
                ADVANCE,
                (statement, first) -> {
                  int next = bindWanted(connection, statement, first, wanted);
                  statement.setArray(
                      next, connection.createArrayOf("text", identities.toArray(String[]::new)));
                  return next + 1;
                },
                rows -> {
                  while (rows.next()) {
                    ConversationRecord row = MAPPER.map(rows, ADVANCE);
                    long n = wanted.stream().filter(w -> isFor(w, row)).count();
                    indexes.conversations.put(
                        row.sid(),
                        new Reserved(row, row.lastMessageIndex(), row.lastMessageIndex() - n));
                    Array authors = rows.getArray("reserved_authors");
                    if (authors != null) {
                      for (Object pair : (Object[]) authors.getArray()) {
                        String[] identityAndSid = (String[]) pair;
                        indexes.authors.put(
                            authorKey(row.sid(), identityAndSid[0]), identityAndSid[1]);
                      }
                    }
                  }
                  return null;
                },
                null),
            then));
    handle.define(KEY, indexes);
    return indexes;
  }

  /** The reservation on {@code handle}'s transaction, or null. */
  static MessageIndexes of(Handle handle) {
    return (MessageIndexes) handle.getConfig(SqlStatements.class).getAttribute(KEY);
  }

  /** Drops the reservation: its transaction was rolled back. */
  static void drop(Handle handle) {
    handle.define(KEY, null);
  }

  /**
   * The next reserved index of the conversation {@code sid} of the account and service, with the
   * conversation and the author's participant (as {@code takeMessageIndex} gives them); null when
   * none is reserved for it (the caller takes one by statement, then tells {@link
   * #tookByStatement}).
   */
  IndexTaken take(String accountSid, String serviceSid, String sid, String author) {
    Reserved r = conversations.get(sid);
    if (r == null
        || r.taken >= r.stored
        || !r.row.accountSid().equals(accountSid)
        || !r.row.serviceSid().equals(serviceSid)) {
      return null;
    }
    takes.push(new Object[] {r, r.stored, r.taken});
    r.taken++;
    return new IndexTaken(
        withIndex(r.row, r.taken), author == null ? null : authors.get(authorKey(sid, author)));
  }

  /** A post took {@code taken}'s index by statement: the row stands there now. */
  void tookByStatement(IndexTaken taken) {
    Reserved r = conversations.get(taken.conversation().sid());
    if (r != null) {
      takes.push(new Object[] {r, r.stored, r.taken});
      r.stored = taken.conversation().lastMessageIndex();
      r.taken = r.stored;
    }
  }

  /** Where a job begins: what {@link #rollBackTo} goes back to. */
  int mark() {
    return takes.size();
  }

  /** The job that began at {@code mark} was rolled back: its indexes are free again. */
  void rollBackTo(int mark) {
    while (takes.size() > mark) {
      Object[] take = takes.pop();
      Reserved r = (Reserved) take[0];
      r.stored = (long) take[1];
      r.taken = (long) take[2];
    }
  }

  /**
   * The statements that give back the indexes reserved and not taken, to go before the commit: a
   * conversation's row then stands at its last message's index.
   */
  List<Pipeline.Held> givenBack() {
    List<Pipeline.Held> statements = new ArrayList<>();
    for (Reserved r : conversations.values()) {
      if (r.taken < r.stored) {
        statements.add(
            new Pipeline.Held(
                GIVE_BACK, DirectStatements.values(r.taken, r.row.sid()), null, null));
      }
    }
    return statements;
  }

  private static int bindWanted(
      Connection connection, PreparedStatement statement, int first, List<IndexWanted> wanted)
      throws SQLException {
    String[][] columns = new String[3][wanted.size()];
    for (int i = 0; i < wanted.size(); i++) {
      IndexWanted w = wanted.get(i);
      columns[0][i] = w.sid();
      columns[1][i] = w.accountSid();
      columns[2][i] = w.serviceSid();
    }
    for (String[] column : columns) {
      statement.setArray(first++, connection.createArrayOf("text", column));
    }
    return first;
  }

  private static boolean isFor(IndexWanted w, ConversationRecord row) {
    return w.sid().equals(row.sid())
        && w.accountSid().equals(row.accountSid())
        && w.serviceSid().equals(row.serviceSid());
  }

  private static String authorKey(String conversationSid, String identity) {
    return conversationSid + "\n" + identity;
  }

  private static ConversationRecord withIndex(ConversationRecord c, long index) {
    return new ConversationRecord(
        c.sid(),
        c.accountSid(),
        c.serviceSid(),
        c.messagingServiceSid(),
        c.friendlyName(),
        c.uniqueName(),
        c.attributes(),
        c.state(),
        c.timerInactive(),
        c.timerClosed(),
        c.dateInactive(),
        c.dateClosed(),
        c.bindings(),
        c.createdBy(),
        index,
        c.dateCreated(),
        c.dateUpdated());
  }
}
