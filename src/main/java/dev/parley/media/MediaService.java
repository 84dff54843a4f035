package dev.parley.media;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.MediaContent;
import dev.parley.store.MediaRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Twilio's Media Content Service (docs/media.md): uploads, who may read them, and their bytes. A
 * medium belongs to one service; an access token's identity reads it while it is the uploader of a
 * medium not yet attached, or a participant of the conversation its message is in. Anything else is
 * answered as if the medium did not exist (20404), so a guessed SID learns nothing.
 */
public final class MediaService {
  private final Store store;
  private final MediaContent content;
  private final Clock clock;
  private final SidGenerator sids;
  private final MediaLimits limits;

  /** How many media one sweep transaction handles. */
  private static final int SWEEP_BATCH = 200;

  public MediaService(Store store, Clock clock, SidGenerator sids, MediaLimits limits) {
    this.store = store;
    this.content = store.mediaContent();
    this.clock = clock;
    this.sids = sids;
    this.limits = limits;
  }

  public MediaLimits limits() {
    return limits;
  }

  /**
   * A new empty file to spool an upload of {@code caller} to {@code serviceSid} into (see {@link
   * MediaContent#spoolFile}); 404 first when the service is not the caller's.
   */
  public Path spoolFile(MediaCaller caller, String serviceSid) {
    checkService(caller, serviceSid);
    try {
      return content.spoolFile();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file for an upload", e);
    }
  }

  /** Throws away a spooled upload that will not be kept. */
  public void discard(Path spooled) {
    try {
      Files.deleteIfExists(spooled);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete spooled upload " + spooled, e);
    }
  }

  /**
   * Keeps the {@code size} bytes spooled in {@code spooled} as a new medium of {@code serviceSid}
   * uploaded by {@code caller}, durably before it returns; {@code contentType}, {@code filename}
   * and {@code category} as {@link NewMedia} checks them. 404 for a service that is not the
   * caller's; 50512 over the per-file limit; 20415 (415) for a type the limits do not accept. The
   * spool file is consumed either way.
   */
  public MediaRecord upload(
      MediaCaller caller,
      String serviceSid,
      String contentType,
      String filename,
      String category,
      Path spooled,
      long size) {
    try {
      NewMedia request = new NewMedia(contentType, filename, category);
      checkService(caller, serviceSid);
      if (size > limits.maxFileBytes()) {
        throw new ApiException(TwilioError.MEDIA_TOO_LARGE, limits.maxFileBytes());
      }
      if (!limits.accepts(request.contentType())) {
        throw new ApiException(
            TwilioError.MEDIA_TYPE_NOT_ACCEPTED,
            request.contentType(),
            String.join(", ", limits.acceptedTypes()));
      }
      Instant now = clock.instant();
      MediaRecord media =
          new MediaRecord(
              sids.next(SidPrefix.MEDIA),
              caller.accountSid(),
              serviceSid,
              null,
              null,
              caller.identity(),
              size,
              request.contentType(),
              request.filename(),
              request.category(),
              now,
              now);
      content.put(media.sid(), spooled, size);
      store.write(
          tx -> {
            store.media().insert(tx, media);
            return null;
          });
      return media;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store an upload", e);
    } finally {
      discard(spooled);
    }
  }

  /** The medium {@code sid} of {@code serviceSid} if {@code caller} may read it, else a 404. */
  public MediaRecord find(MediaCaller caller, String serviceSid, String sid) {
    checkService(caller, serviceSid);
    return store.read(
        tx ->
            store
                .media()
                .find(tx, serviceSid, sid)
                .filter(m -> m.accountSid().equals(caller.accountSid()))
                .filter(m -> mayRead(tx, caller, m))
                .orElseThrow(ApiException::notFound));
  }

  /** Each of {@code sids} that {@code caller} may read, or empty for one it may not. */
  public List<Optional<MediaRecord>> findAll(
      MediaCaller caller, String serviceSid, List<String> sids) {
    checkService(caller, serviceSid);
    return store.read(
        tx ->
            sids.stream()
                .map(
                    sid ->
                        store
                            .media()
                            .find(tx, serviceSid, sid)
                            .filter(m -> m.accountSid().equals(caller.accountSid()))
                            .filter(m -> mayRead(tx, caller, m)))
                .toList());
  }

  /** The medium a signed URL names: its signature, checked by the caller, is its authority. */
  public MediaRecord findSigned(String serviceSid, String sid) {
    return store.read(
        tx -> store.media().find(tx, serviceSid, sid).orElseThrow(ApiException::notFound));
  }

  /** At most {@link MediaContent#CHUNK_BYTES} of the medium's bytes from {@code offset}. */
  public byte[] read(MediaRecord media, long offset) {
    try {
      return content.read(media.sid(), offset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read media " + media.sid(), e);
    }
  }

  /**
   * Deletes the bytes of trashed media (a committed transaction moved their rows to the trash),
   * then their trash rows. Safe to repeat, and on several nodes at once.
   */
  public void emptyTrash(List<String> mediaSids) {
    if (mediaSids.isEmpty()) {
      return;
    }
    for (String sid : mediaSids) {
      try {
        content.delete(sid);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the bytes of media " + sid, e);
      }
    }
    store.write(
        tx -> {
          store.media().emptyTrash(tx, mediaSids);
          return null;
        });
  }

  /**
   * One sweep (app/MediaSweep): moves uploads no message attached within {@link
   * MediaLimits#unattachedFor} to the trash, then deletes the bytes of what the trash holds (media
   * of deleted messages, conversations and services, or of the uploads just swept). Reads first, so
   * a sweep with nothing to do writes nothing. Returns how many media's bytes went.
   */
  public int sweep() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(limits.unattachedFor());
    if (store.read(tx -> store.media().anyUnattachedBefore(tx, cutoff))) {
      store.write(tx -> store.media().trashUnattachedBefore(tx, cutoff, now, SWEEP_BATCH));
    }
    List<String> trash = store.read(tx -> store.media().trash(tx, SWEEP_BATCH));
    emptyTrash(trash);
    return trash.size();
  }

  private boolean mayRead(Tx tx, MediaCaller caller, MediaRecord media) {
    if (caller.isAccount()) {
      return true;
    }
    if (media.channelSid() == null) {
      return caller.identity().equals(media.author());
    }
    return store
        .participants()
        .findByIdentity(tx, media.channelSid(), caller.identity())
        .isPresent();
  }

  /** A token acts in its own service only, the account's credentials in any of the account's. */
  private void checkService(MediaCaller caller, String serviceSid) {
    if (caller.serviceSid() != null && !caller.serviceSid().equals(serviceSid)) {
      throw ApiException.notFound();
    }
    store
        .readOne(tx -> store.services().find(tx, caller.accountSid(), serviceSid))
        .orElseThrow(ApiException::notFound);
  }
}
