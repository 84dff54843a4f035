package dev.parley.api.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.AccessGrant;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.BasicAuth;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.http.TokenOrBasicAuth;
import dev.parley.json.Json;
import dev.parley.media.MediaCaller;
import dev.parley.media.MediaService;
import dev.parley.media.MediaUrls;
import dev.parley.store.MediaRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's Media Content Service on Parley's origin (docs/media.md): {@code
 * /v1/Services/{ChatServiceSid}/Media} (upload), {@code …/Media/{MediaSid}} (fetch), {@code
 * …/Content} (the bytes), {@code …/Content/Direct} (the signed temporary URL) and {@code
 * …/MediaSet} (the SDK's batch lookup). These routes come before the body handler: an upload is
 * spooled to disk as it arrives, and content is sent a chunk at a time.
 */
public final class MediaApi {
  private static final int MAX_MEDIA_SET_BYTES = 64 * 1024;
  private final MediaService media;
  private final MediaUrls urls;
  private final PublicUrl base;

  public MediaApi(MediaService media, MediaUrls urls, PublicUrl base) {
    this.media = media;
    this.urls = urls;
    this.base = base;
  }

  public void upload(RoutingContext ctx) {
    MediaCaller caller = caller(ctx);
    String serviceSid = ctx.pathParam("ChatServiceSid");
    HttpServerRequest request = ctx.request();
    String type = request.getHeader("Content-Type");
    boolean multipart = type != null && type.toLowerCase().startsWith("multipart/form-data");
    ctx.vertx()
        // The caller's right to the service is checked before a byte of the body is read.
        .executeBlocking(() -> media.spoolFile(caller, serviceSid), false)
        .compose(
            spooled ->
                open(ctx, spooled)
                    .compose(
                        file ->
                            multipart
                                ? multipart(ctx, file)
                                : Spool.copy(request, file, max(), () -> abort(ctx))
                                    .map(size -> new Received(size, type, null)))
                    .compose(
                        received ->
                            ctx.vertx()
                                .executeBlocking(
                                    () ->
                                        media.upload(
                                            caller,
                                            serviceSid,
                                            received.contentType(),
                                            or(received.filename(), param(ctx, "Filename")),
                                            param(ctx, "Category"),
                                            spooled,
                                            received.size()),
                                    false))
                    .onFailure(e -> ctx.vertx().executeBlocking(() -> discard(spooled), false)))
        .onSuccess(m -> Replies.send(ctx, 201, MediaView.of(m, base, urls)))
        .onFailure(ctx::fail);
  }

  public void fetch(RoutingContext ctx) {
    MediaCaller caller = caller(ctx);
    Replies.json(
        ctx,
        200,
        () ->
            MediaView.of(
                media.find(caller, ctx.pathParam("ChatServiceSid"), ctx.pathParam("MediaSid")),
                base,
                urls));
  }

  public void content(RoutingContext ctx) {
    MediaCaller caller = caller(ctx);
    ctx.vertx()
        .executeBlocking(
            () -> media.find(caller, ctx.pathParam("ChatServiceSid"), ctx.pathParam("MediaSid")),
            false)
        .onSuccess(m -> ContentStream.send(ctx, media, m))
        .onFailure(ctx::fail);
  }

  /** The temporary URL: its signature, not a credential, admits it (403 when forged or expired). */
  public void direct(RoutingContext ctx) {
    String serviceSid = ctx.pathParam("ChatServiceSid");
    String mediaSid = ctx.pathParam("MediaSid");
    if (!urls.verify(
        serviceSid,
        mediaSid,
        ctx.request().getParam("Expires"),
        ctx.request().getParam("Signature"))) {
      throw new ApiException(
          TwilioError.FORBIDDEN, "the temporary URL is not valid for this media or has expired");
    }
    ctx.vertx()
        .executeBlocking(() -> media.findSigned(serviceSid, mediaSid), false)
        .onSuccess(m -> ContentStream.send(ctx, media, m))
        .onFailure(ctx::fail);
  }

  /**
   * The SDK's batch lookup: {@code {"command":"get","list":[{"media_sid":"ME…"}]}}, answered with
   * {@code [{code, media_record}]} in the same order; a medium the caller may not read is {@code
   * {code:404}}.
   */
  public void mediaSet(RoutingContext ctx) {
    MediaCaller caller = caller(ctx);
    String serviceSid = ctx.pathParam("ChatServiceSid");
    smallBody(ctx)
        .compose(
            body ->
                ctx.vertx()
                    .executeBlocking(
                        () -> {
                          List<String> sids = mediaSetSids(body);
                          List<Optional<MediaRecord>> found =
                              media.findAll(caller, serviceSid, sids);
                          List<Object> answer = new ArrayList<>();
                          for (Optional<MediaRecord> m : found) {
                            answer.add(
                                m.<Object>map(
                                        r ->
                                            Map.of(
                                                "code",
                                                200,
                                                "media_record",
                                                MediaView.of(r, base, urls)))
                                    .orElse(Map.of("code", 404)));
                          }
                          return answer;
                        },
                        false))
        .onSuccess(answer -> Replies.send(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  private record Received(long size, String contentType, String filename) {}

  /** The first file part of a multipart upload; {@code Filename}/{@code Category} may be fields. */
  private Future<Received> multipart(RoutingContext ctx, AsyncFile file) {
    HttpServerRequest request = ctx.request();
    request.setExpectMultipart(true);
    Promise<Received> done = Promise.promise();
    Received[] part = {null};
    List<Future<Long>> copies = new ArrayList<>();
    request.uploadHandler(
        (HttpServerFileUpload upload) -> {
          if (!copies.isEmpty()) {
            upload.handler(ignored -> {});
            return;
          }
          part[0] = new Received(0, upload.contentType(), upload.filename());
          copies.add(Spool.copy(upload, file, max(), () -> abort(ctx)));
        });
    request.exceptionHandler(done::tryFail);
    request.endHandler(
        v -> {
          if (copies.isEmpty()) {
            file.close();
            done.tryFail(ApiException.invalid("Media", "the multipart form has no file part"));
            return;
          }
          copies
              .get(0)
              .onSuccess(
                  size ->
                      done.tryComplete(
                          new Received(size, part[0].contentType(), part[0].filename())))
              .onFailure(done::tryFail);
        });
    request.resume();
    return done.future();
  }

  private Future<AsyncFile> open(RoutingContext ctx, Path spooled) {
    return ctx.vertx()
        .fileSystem()
        .open(spooled.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true));
  }

  private long max() {
    return media.limits().maxFileBytes();
  }

  /** Past twice the limit the sender is cut off: answer now, then close the connection. */
  private void abort(RoutingContext ctx) {
    ctx.response().endHandler(v -> ctx.request().connection().close());
    ctx.fail(new ApiException(TwilioError.MEDIA_TOO_LARGE, max()));
  }

  private Void discard(Path spooled) {
    media.discard(spooled);
    return null;
  }

  private static Future<Buffer> smallBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > MAX_MEDIA_SET_BYTES) {
            done.tryFail(new ApiException(TwilioError.REQUEST_TOO_LARGE, MAX_MEDIA_SET_BYTES));
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(done::tryFail);
    request.endHandler(v -> done.tryComplete(body));
    request.resume();
    return done.future();
  }

  private static List<String> mediaSetSids(Buffer body) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body.getBytes());
    } catch (Exception e) {
      throw ApiException.invalid("body", "must be JSON {\"command\":\"get\",\"list\":[…]}");
    }
    JsonNode list = json == null ? null : json.get("list");
    if (!"get".equals(json == null ? null : json.path("command").asText())
        || list == null
        || !list.isArray()) {
      throw ApiException.invalid("body", "must be JSON {\"command\":\"get\",\"list\":[…]}");
    }
    List<String> sids = new ArrayList<>();
    list.forEach(item -> sids.add(item.path("media_sid").asText()));
    return sids;
  }

  private static MediaCaller caller(RoutingContext ctx) {
    AccessGrant grant = TokenOrBasicAuth.grant(ctx);
    if (grant != null) {
      return MediaCaller.token(grant.accountSid(), grant.serviceSid(), grant.identity());
    }
    return MediaCaller.account(BasicAuth.principal(ctx).accountSid());
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null && ctx.request().isExpectMultipart()) {
      value = ctx.request().getFormAttribute(name);
    }
    return value;
  }

  private static String or(String first, String second) {
    return second != null && !second.isEmpty() ? second : first;
  }
}
