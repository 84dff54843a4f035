package dev.parley.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of uploaded media; the bytes are in {@link MediaContent}. A medium that goes leaves
 * its SID in the trash, in the same transaction, until its bytes are deleted ({@link #trash}).
 */
public interface MediaStore {
  void insert(Tx tx, MediaRecord media);

  /** The medium {@code sid} of service {@code serviceSid}, if it exists there. */
  Optional<MediaRecord> find(Tx tx, String serviceSid, String sid);

  /** The media attached to {@code messageSid}, in the order they were attached. */
  List<MediaRecord> ofMessage(Tx tx, String messageSid);

  /**
   * Records that {@code media} is now attached (its channel, message and date updated); false when
   * it no longer exists or is attached already (another transaction came first).
   */
  boolean attach(Tx tx, MediaRecord media);

  /** Moves the media of {@code messageSid} to the trash; their SIDs. */
  List<String> trashOfMessage(Tx tx, String messageSid, Instant now);

  /** Moves the media of conversation {@code conversationSid} to the trash; their SIDs. */
  List<String> trashOfConversation(Tx tx, String conversationSid, Instant now);

  /** Moves every medium of service {@code serviceSid} to the trash; their SIDs. */
  List<String> trashOfService(Tx tx, String serviceSid, Instant now);

  /** Whether any medium uploaded before {@code cutoff} is still unattached. */
  boolean anyUnattachedBefore(Tx tx, Instant cutoff);

  /** Moves at most {@code limit} media unattached since before {@code cutoff} to the trash. */
  List<String> trashUnattachedBefore(Tx tx, Instant cutoff, Instant now, int limit);

  /** At most {@code limit} SIDs in the trash, whose bytes are to be deleted. */
  List<String> trash(Tx tx, int limit);

  /** Forgets trashed SIDs whose bytes are deleted. */
  void emptyTrash(Tx tx, List<String> sids);
}
