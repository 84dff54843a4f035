package dev.parley.store;

import java.time.Instant;

/**
 * One event on its way to one webhook target ({@code WD…}). Deliveries of one {@code lane} (a
 * target and a conversation) are attempted strictly in {@code seq} order. {@code kind} names the
 * target: {@code account}, {@code service}, {@code conversation} (a scoped webhook, whose {@code
 * WH…} SID is {@code targetSid}) or {@code studio} (the {@code FW…} flow in {@code targetSid}).
 * {@code status} is {@code pending}, {@code delivered} or {@code dead}. {@code attempts} counts
 * every attempt; {@code attemptsBeforeReplay} those made before the last replay, so the retry
 * budget starts afresh after one. {@code conversationSid} is the event's conversation (none for an
 * account-wide event), kept on the delivery for the history's filter, so that no event pays an
 * index for it.
 */
public record DeliveryRecord(
    long seq,
    String sid,
    String accountSid,
    long eventSeq,
    String conversationSid,
    String lane,
    String kind,
    String targetSid,
    String url,
    String method,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Integer lastLatencyMs,
    Instant dateCreated,
    Instant dateUpdated,
    int attemptsBeforeReplay) {
  /** This delivery of the event numbered {@code eventSeq}. */
  public DeliveryRecord withEventSeq(long eventSeq) {
    return new DeliveryRecord(
        seq,
        sid,
        accountSid,
        eventSeq,
        conversationSid,
        lane,
        kind,
        targetSid,
        url,
        method,
        status,
        attempts,
        nextAttemptAt,
        lastStatusCode,
        lastError,
        lastLatencyMs,
        dateCreated,
        dateUpdated,
        attemptsBeforeReplay);
  }

  /**
   * This delivery as an attempt or a replay leaves it (its target and event unchanged), updated at
   * {@code now}.
   */
  public DeliveryRecord settled(
      String status,
      int attempts,
      Instant nextAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Integer lastLatencyMs,
      Instant now,
      int attemptsBeforeReplay) {
    return new DeliveryRecord(
        seq,
        sid,
        accountSid,
        eventSeq,
        conversationSid,
        lane,
        kind,
        targetSid,
        url,
        method,
        status,
        attempts,
        nextAttemptAt,
        lastStatusCode,
        lastError,
        lastLatencyMs,
        dateCreated,
        now,
        attemptsBeforeReplay);
  }
}
