package dev.parley.store.sql;

import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.MembershipStore;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Participants joined with their conversation and user in one query. Both tables have a {@code
 * sid}, so each side's columns are selected under a prefix ({@code p_}, {@code c_}).
 */
final class SqlMemberships implements MembershipStore {
  private static final List<String> PARTICIPANT_COLUMNS =
      List.of(
          "sid",
          "account_sid",
          "service_sid",
          "conversation_sid",
          "identity",
          "attributes",
          "messaging_binding",
          "binding_address",
          "binding_proxy_address",
          "role_sid",
          "last_read_message_index",
          "last_read_timestamp",
          "notification_level",
          "date_created",
          "date_updated");
  private static final List<String> CONVERSATION_COLUMNS =
      List.of(
          "sid",
          "account_sid",
          "service_sid",
          "messaging_service_sid",
          "friendly_name",
          "unique_name",
          "attributes",
          "state",
          "timer_inactive",
          "timer_closed",
          "date_inactive",
          "date_closed",
          "bindings",
          "created_by",
          "last_message_index",
          "date_created",
          "date_updated");

  // The unread count walks the messages (conversation_sid, idx) index, so deleted messages are
  // not counted; no horizon yet means Twilio's null, not "everything".
  private static final String SELECT =
      "SELECT p.seq AS seq, "
          + columns("p", PARTICIPANT_COLUMNS)
          + ", "
          + columns("c", CONVERSATION_COLUMNS)
          + ", u.sid AS user_sid, CASE WHEN p.last_read_message_index IS NULL THEN NULL ELSE"
          + " (SELECT COUNT(*) FROM messages m WHERE m.conversation_sid = p.conversation_sid"
          + " AND m.idx > p.last_read_message_index) END AS unread_messages_count"
          + " FROM participants p JOIN conversations c ON c.sid = p.conversation_sid"
          + " LEFT JOIN users u ON u.service_sid = p.service_sid AND u.identity = p.identity";

  private static final RowMapper<ParticipantRecord> PARTICIPANT =
      RecordMapper.of(ParticipantRecord.class, "p_");
  private static final RowMapper<ConversationRecord> CONVERSATION =
      RecordMapper.of(ConversationRecord.class, "c_");
  private static final RowMapper<MembershipRecord> MAPPER =
      (rs, ctx) -> {
        long unread = rs.getLong("unread_messages_count");
        Long unreadMessagesCount = rs.wasNull() ? null : unread;
        return new MembershipRecord(
            PARTICIPANT.map(rs, ctx),
            CONVERSATION.map(rs, ctx),
            rs.getString("user_sid"),
            unreadMessagesCount);
      };
  private static final Keyset<MembershipRecord> IN_ORDER = Keyset.on("p.seq", false);

  private static String columns(String alias, List<String> names) {
    return names.stream()
        .map(name -> alias + "." + name + " AS " + alias + "_" + name)
        .collect(Collectors.joining(", "));
  }

  @Override
  public Slice<MembershipRecord> byIdentity(
      Tx tx, String serviceSid, String identity, PageRequest page) {
    return IN_ORDER.page(
        SqlTx.of(tx),
        SELECT + " WHERE p.service_sid = :service AND p.identity = :identity",
        q -> q.bind("service", serviceSid).bind("identity", identity),
        MAPPER,
        page);
  }

  @Override
  public Slice<MembershipRecord> byAddress(
      Tx tx, String serviceSid, String address, PageRequest page) {
    return IN_ORDER.page(
        SqlTx.of(tx),
        SELECT + " WHERE p.service_sid = :service AND p.binding_address = :address",
        q -> q.bind("service", serviceSid).bind("address", address),
        MAPPER,
        page);
  }

  @Override
  public Optional<MembershipRecord> find(Tx tx, String conversationSid, String identity) {
    return SqlTx.of(tx)
        .createQuery(
            SELECT + " WHERE p.conversation_sid = :conversation AND p.identity = :identity")
        .bind("conversation", conversationSid)
        .bind("identity", identity)
        .map(MAPPER)
        .findOne();
  }
}
