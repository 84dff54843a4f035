package dev.parley.store;

import java.time.Instant;

/**
 * An uploaded file's metadata (its bytes are in {@link MediaContent}). {@code channelSid} and
 * {@code messageSid} are null until a message attaches it; {@code author} is the uploading
 * identity, null when the account's credentials uploaded it.
 */
public record MediaRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String channelSid,
    String messageSid,
    String author,
    long size,
    String contentType,
    String filename,
    String category,
    Instant dateCreated,
    Instant dateUpdated) {

  /** This medium attached to {@code messageSid} of {@code channelSid} at {@code when}. */
  public MediaRecord attachedTo(String channelSid, String messageSid, Instant when) {
    return new MediaRecord(
        sid,
        accountSid,
        serviceSid,
        channelSid,
        messageSid,
        author,
        size,
        contentType,
        filename,
        category,
        dateCreated,
        when);
  }
}
