package dev.parley.http;

import dev.parley.error.ApiException;
import dev.parley.store.Cursor;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twilio list paging: {@code PageSize} (each list's default and maximum), {@code Page} (client
 * state, echoed) and an opaque {@code PageToken} that carries a keyset cursor, so a deep page costs
 * the same as the first. Renders the {@code meta} object with absolute URLs.
 */
public final class Paging {
  private final int pageSize;
  private final int page;
  private final Cursor cursor;

  private Paging(int pageSize, int page, Cursor cursor) {
    this.pageSize = pageSize;
    this.page = page;
    this.cursor = cursor;
  }

  public static Paging parse(Params query, int defaultSize, int maxSize) {
    Integer size = query.integer("PageSize", 1, Integer.MAX_VALUE);
    Integer page = query.integer("Page", 0, Integer.MAX_VALUE);
    String token = query.string("PageToken");
    return new Paging(
        size == null ? defaultSize : Math.min(size, maxSize),
        page == null ? 0 : page,
        token == null || token.isEmpty() ? null : decode(token));
  }

  public PageRequest request() {
    return new PageRequest(pageSize, cursor);
  }

  /**
   * The list body: {@code {key: items, meta: {...}}}. {@code path} is the list's path and {@code
   * filters} the query parameters to echo into every URL, in order.
   */
  public Map<String, Object> reply(
      PublicUrl base, String path, Map<String, String> filters, String key, Slice<?> slice) {
    String prefix = base.of(path) + "?" + encode(filters) + "PageSize=" + pageSize;
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("page", page);
    meta.put("page_size", pageSize);
    meta.put("first_page_url", prefix + "&Page=0");
    meta.put(
        "previous_page_url",
        slice.previous() == null ? null : pageUrl(prefix, Math.max(page - 1, 0), slice.previous()));
    meta.put("url", cursor == null ? prefix + "&Page=" + page : pageUrl(prefix, page, cursor));
    meta.put(
        "next_page_url", slice.next() == null ? null : pageUrl(prefix, page + 1, slice.next()));
    meta.put("key", key);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(key, slice.items());
    body.put("meta", meta);
    return body;
  }

  private static String pageUrl(String prefix, int page, Cursor cursor) {
    return prefix + "&Page=" + page + "&PageToken=" + encode(cursor);
  }

  private static String encode(Map<String, String> filters) {
    StringBuilder out = new StringBuilder();
    filters.forEach(
        (name, value) -> {
          if (value != null) {
            out.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&');
          }
        });
    return out.toString();
  }

  static String encode(Cursor cursor) {
    String raw = (cursor.backward() ? "B" : "A") + cursor.key() + "_" + cursor.tie();
    return "P"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static Cursor decode(String token) {
    try {
      if (!token.startsWith("P")) {
        throw new IllegalArgumentException();
      }
      String raw =
          new String(Base64.getUrlDecoder().decode(token.substring(1)), StandardCharsets.US_ASCII);
      char direction = raw.charAt(0);
      if (direction != 'A' && direction != 'B') {
        throw new IllegalArgumentException();
      }
      List<String> parts = List.of(raw.substring(1).split("_", -1));
      if (parts.size() != 2) {
        throw new IllegalArgumentException();
      }
      return new Cursor(
          direction == 'B', Long.parseLong(parts.get(0)), Long.parseLong(parts.get(1)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw ApiException.invalid("PageToken", "is not a token this API issued");
    }
  }
}
