package dev.parley.api.media;

import dev.parley.http.PublicUrl;
import dev.parley.media.MediaUrls;
import dev.parley.store.MediaRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of a Media resource (Twilio's Media Content Service,
 * https://www.twilio.com/docs/conversations/api/media-resource, and what the SDK reads:
 * docs/realtime-protocol.md §6). {@code links.content_direct_temporary} is signed afresh on every
 * read.
 */
public record MediaView(
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
    Instant dateUpdated,
    Instant dateUploadCompleted,
    String url,
    Map<String, String> links) {

  static final String DIRECT = "/Content/Direct";

  static MediaView of(MediaRecord m, PublicUrl base, MediaUrls urls) {
    String url = base.of(path(m.serviceSid(), m.sid()));
    MediaUrls.Signed signed = urls.sign(m.serviceSid(), m.sid());
    Map<String, String> links = new LinkedHashMap<>();
    links.put("content", url + "/Content");
    links.put(
        "content_direct_temporary",
        url + DIRECT + "?Expires=" + signed.expires() + "&Signature=" + signed.signature());
    return new MediaView(
        m.sid(),
        m.accountSid(),
        m.serviceSid(),
        m.channelSid(),
        m.messageSid(),
        m.author(),
        m.size(),
        m.contentType(),
        m.filename(),
        m.category(),
        m.dateCreated(),
        m.dateUpdated(),
        m.dateCreated(),
        url,
        links);
  }

  static String path(String serviceSid, String mediaSid) {
    return "/v1/Services/" + serviceSid + "/Media/" + mediaSid;
  }
}
