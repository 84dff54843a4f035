package dev.parley.store.sql;

import dev.parley.store.DeliveryRecord;
import dev.parley.store.DeliveryStore;
import dev.parley.store.Tx;

final class SqlDeliveries implements DeliveryStore {

  @Override
  public void insert(Tx tx, DeliveryRecord d) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO webhook_deliveries (sid, account_sid, event_seq, lane, kind, target_sid,"
                + " url, method, status, attempts, next_attempt_at, date_created, date_updated)"
                + " VALUES (:sid, :accountSid, :eventSeq, :lane, :kind, :targetSid, :url,"
                + " :method, :status, :attempts, :nextAttemptAt, :dateCreated, :dateUpdated)")
        .bindMethods(d)
        .execute();
  }
}
