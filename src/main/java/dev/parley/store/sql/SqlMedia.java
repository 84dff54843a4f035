package dev.parley.store.sql;

import dev.parley.store.MediaRecord;
import dev.parley.store.MediaStore;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

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
  public void attach(Tx tx, MediaRecord media) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE media SET channel_sid = :channelSid, message_sid = :messageSid,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(media))
        .execute();
  }

  @Override
  public List<String> deleteOfMessage(Tx tx, String messageSid) {
    List<String> sids =
        SqlTx.of(tx)
            .createQuery("SELECT sid FROM media WHERE message_sid = :message")
            .bind("message", messageSid)
            .mapTo(String.class)
            .list();
    SqlTx.of(tx)
        .createUpdate("DELETE FROM media WHERE message_sid = :message")
        .bind("message", messageSid)
        .execute();
    return sids;
  }
}
