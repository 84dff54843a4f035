package dev.parley.store;

import java.time.Instant;

/**
 * One run of a flow ({@code FN…}) on the revision it started on. {@code context} is the JSON the
 * widgets read ({@code trigger}, {@code widgets}, {@code flow}); {@code waiting} names the widget
 * waiting for the contact's reply and {@code waitUntil} when it times out (both null otherwise);
 * {@code serviceSid} and {@code conversationSid} are set when a conversation's message started it.
 */
public record StudioExecutionRecord(
    String sid,
    String accountSid,
    String flowSid,
    int revision,
    String contactChannelAddress,
    String serviceSid,
    String conversationSid,
    String status,
    String context,
    String waiting,
    Instant waitUntil,
    Instant dateCreated,
    Instant dateUpdated) {

  public boolean active() {
    return "active".equals(status);
  }
}
