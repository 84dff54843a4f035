package dev.parley.store.sql;

import dev.parley.store.MediaRecord;
import dev.parley.store.MediaStore;
import dev.parley.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

final class SqlMedia implements MediaStore {
  private static final RowMapper<MediaRecord> MAPPER = RecordMapper.of(MediaRecord.class);

  @Override
  public void insert(Tx tx, MediaRecord media) {
    RecordInsert.insert(SqlTx.of(tx), "media", List.of(media));
  }

  @Override
  public Optional<MediaRecord> find(Tx tx, String serviceSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM media WHERE sid = :sid AND service_sid = :service")
        .bind("sid", sid)
        .bind("service", serviceSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<MediaRecord> ofMessage(Tx tx, String messageSid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM media WHERE message_sid = :message ORDER BY date_updated, seq")
        .bind("message", messageSid)
        .map(MAPPER)
        .list();
  }

  @Override
  public boolean attach(Tx tx, MediaRecord media) {
    // "message_sid IS NULL": of two messages attaching one medium, or a message and the sweep of
    // unattached uploads, the second to commit finds nothing to change.
    return SqlTx.of(tx)
            .createUpdate(
                "UPDATE media SET channel_sid = :channelSid, message_sid = :messageSid,"
                    + " date_updated = :dateUpdated WHERE sid = :sid AND message_sid IS NULL")
            .bindNamedArgumentFinder(RecordArguments.of(media))
            .execute()
        == 1;
  }

  @Override
  public List<String> trashOfMessage(Tx tx, String messageSid, Instant now) {
    return trash(tx, "message_sid = :key", messageSid, now);
  }

  @Override
  public List<String> trashOfConversation(Tx tx, String conversationSid, Instant now) {
    return trash(tx, "channel_sid = :key", conversationSid, now);
  }

  @Override
  public List<String> trashOfService(Tx tx, String serviceSid, Instant now) {
    return trash(tx, "service_sid = :key", serviceSid, now);
  }

  @Override
  public boolean anyUnattachedBefore(Tx tx, Instant cutoff) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT 1 FROM media WHERE message_sid IS NULL AND date_created < :cutoff LIMIT 1")
        .bind("cutoff", cutoff)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  @Override
  public List<String> trashUnattachedBefore(Tx tx, Instant cutoff, Instant now, int limit) {
    List<String> sids =
        SqlTx.of(tx)
            .createQuery(
                "DELETE FROM media WHERE sid IN (SELECT sid FROM media WHERE message_sid IS NULL"
                    + " AND date_created < :cutoff ORDER BY date_created LIMIT :limit)"
                    // Checked again on the row itself: a message may have attached it meanwhile.
                    + " AND message_sid IS NULL RETURNING sid")
            .bind("cutoff", cutoff)
            .bind("limit", limit)
            .mapTo(String.class)
            .list();
    toTrash(tx, sids, now);
    return sids;
  }

  @Override
  public List<String> trash(Tx tx, int limit) {
    return SqlTx.of(tx)
        .createQuery("SELECT media_sid FROM media_trash ORDER BY date_trashed LIMIT :limit")
        .bind("limit", limit)
        .mapTo(String.class)
        .list();
  }

  @Override
  public void emptyTrash(Tx tx, List<String> sids) {
    if (sids.isEmpty()) {
      return;
    }
    SqlTx.of(tx)
        .createUpdate("DELETE FROM media_trash WHERE media_sid IN (<sids>)")
        .bindList("sids", sids)
        .execute();
  }

  private static List<String> trash(Tx tx, String where, String key, Instant now) {
    List<String> sids =
        SqlTx.of(tx)
            .createQuery("DELETE FROM media WHERE " + where + " RETURNING sid")
            .bind("key", key)
            .mapTo(String.class)
            .list();
    toTrash(tx, sids, now);
    return sids;
  }

  private static void toTrash(Tx tx, List<String> sids, Instant now) {
    if (sids.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        SqlTx.of(tx)
            .prepareBatch(
                "INSERT INTO media_trash (media_sid, date_trashed) VALUES (:sid, :now)"
                    + " ON CONFLICT DO NOTHING");
    for (String sid : sids) {
      batch.bind("sid", sid).bind("now", now).add();
    }
    batch.execute();
  }
}
