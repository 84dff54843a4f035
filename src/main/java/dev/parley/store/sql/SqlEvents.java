package dev.parley.store.sql;

import dev.parley.store.EventRecord;
import dev.parley.store.EventStore;
import dev.parley.store.Tx;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.mapper.RowMapper;

class SqlEvents implements EventStore {
  private static final RowMapper<EventRecord> MAPPER = RecordMapper.of(EventRecord.class);

  @Override
  public LongSupplier append(Tx tx, EventRecord e, String turn) {
    return RecordInsert.insertReturning(SqlTx.of(tx), "events", e, "seq");
  }

  /** One writer at a time already (SQLite's): nothing to wait for. */
  @Override
  public void serialize(Tx tx, String turn) {}

  @Override
  public Optional<EventRecord> find(Tx tx, long seq) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM events WHERE seq = :seq")
        .bind("seq", seq)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<EventRecord> findAll(Tx tx, Collection<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM events WHERE seq IN (<seqs>)")
        .bindList("seqs", List.copyOf(seqs))
        .map(MAPPER)
        .list();
  }
}
