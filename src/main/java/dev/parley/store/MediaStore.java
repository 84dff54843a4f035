package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** The metadata of uploaded media; the bytes are in {@link MediaContent}. */
public interface MediaStore {
  void insert(Tx tx, MediaRecord media);

  /** The medium {@code sid} of service {@code serviceSid}, if it exists there. */
  Optional<MediaRecord> find(Tx tx, String serviceSid, String sid);

  /** The media attached to {@code messageSid}, in the order they were attached. */
  List<MediaRecord> ofMessage(Tx tx, String messageSid);

  /** Records that {@code media} is now attached (its channel, message and date updated). */
  void attach(Tx tx, MediaRecord media);

  /** Deletes the media of {@code messageSid}; their SIDs, whose bytes the caller then deletes. */
  List<String> deleteOfMessage(Tx tx, String messageSid);
}
