package dev.parley.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.Json;
import dev.parley.store.MediaRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Attaches uploaded media to a message being posted, inside the posting transaction. A medium may
 * be attached once, to a message of its own service, by its uploader (or, for one the account's
 * credentials uploaded, by any author).
 */
public final class MediaAttachments {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final Store store;
  private final Clock clock;
  private final MediaLimits limits;

  public MediaAttachments(Store store, Clock clock, MediaLimits limits) {
    this.store = store;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * The media {@code mediaSids} names, checked for a message of {@code serviceSid} by {@code
   * author} before anything is written: an unknown medium, one of another service or account, one
   * already attached or uploaded by someone else is refused with {@code MediaSid} named. Null when
   * there are none.
   */
  public Attachment prepare(
      Tx tx, String accountSid, String serviceSid, String author, List<String> mediaSids) {
    if (mediaSids == null || mediaSids.isEmpty()) {
      return null;
    }
    if (mediaSids.size() > limits.maxPerMessage()) {
      throw ApiException.invalid(
          "MediaSid", "a message may carry at most " + limits.maxPerMessage() + " media");
    }
    if (new HashSet<>(mediaSids).size() != mediaSids.size()) {
      throw ApiException.invalid("MediaSid", "the same media is given twice");
    }
    List<MediaRecord> media = new ArrayList<>();
    long total = 0;
    for (String sid : mediaSids) {
      MediaRecord m =
          store
              .media()
              .find(tx, serviceSid, sid)
              .filter(found -> found.accountSid().equals(accountSid))
              .orElseThrow(
                  () -> ApiException.invalid("MediaSid", sid + " is not media of this service"));
      if (m.messageSid() != null) {
        throw new ApiException(
            TwilioError.CONFLICT, sid + " is already attached to message " + m.messageSid());
      }
      if (m.author() != null && !m.author().equals(author)) {
        throw ApiException.invalid(
            "MediaSid", sid + " was uploaded by another identity than the message's author");
      }
      total += m.size();
      media.add(m);
    }
    if (total > limits.maxPerMessageBytes()) {
      throw ApiException.invalid(
          "MediaSid",
          "the media of one message may total at most " + limits.maxPerMessageBytes() + " bytes");
    }
    return new Attachment(List.copyOf(media), json(media));
  }

  /** Records {@code attachment}'s media as attached to the message just inserted. */
  public void attach(Tx tx, Attachment attachment, String conversationSid, String messageSid) {
    Instant now = clock.instant();
    for (MediaRecord m : attachment.media()) {
      if (!store.media().attach(tx, m.attachedTo(conversationSid, messageSid, now))) {
        // Checked in prepare(), then taken by a concurrent message or swept meanwhile.
        throw new ApiException(
            TwilioError.CONFLICT, m.sid() + " was attached or swept while this message was posted");
      }
    }
  }

  /**
   * Checked media for one message, and the message's {@code media} JSON: {@code [{sid,
   * content_type, filename, size, category}]} in the order given.
   */
  public record Attachment(List<MediaRecord> media, String json) {}

  private static String json(List<MediaRecord> media) {
    ArrayNode json = JSON.createArrayNode();
    for (MediaRecord m : media) {
      ObjectNode item = json.addObject();
      item.put("sid", m.sid());
      item.put("content_type", m.contentType());
      item.put("filename", m.filename());
      item.put("size", m.size());
      item.put("category", m.category());
    }
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Moves the media of a message being deleted to the trash; their SIDs, whose bytes {@link
   * MediaService#emptyTrash} deletes after commit (or the next sweep, if this node stops first).
   */
  public List<String> trashOfMessage(Tx tx, String messageSid) {
    return store.media().trashOfMessage(tx, messageSid, clock.instant());
  }
}
