package dev.parley.http;

import dev.parley.store.Cursor;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * List paging of the 2010 API ({@code /2010-04-01/...json}), whose body differs from the newer
 * APIs' {@code meta} object: the paging fields sit beside the items, and the URIs are relative to
 * the API host ({@code first_page_uri}, {@code next_page_uri}, {@code start}, {@code end}, …).
 * twilio-java follows {@code next_page_uri} until it is null. Under the hood it is the same keyset
 * cursor in an opaque {@code PageToken} as {@link Paging}.
 */
public final class V2010Paging {
  private static final int DEFAULT_SIZE = 50;
  private static final int MAX_SIZE = 1000;

  private final int pageSize;
  private final int page;
  private final Cursor cursor;

  private V2010Paging(int pageSize, int page, Cursor cursor) {
    this.pageSize = pageSize;
    this.page = page;
    this.cursor = cursor;
  }

  /** {@code PageSize} (default 50, capped at 1000), {@code Page} and {@code PageToken}. */
  public static V2010Paging parse(Params query) {
    Integer size = query.integer("PageSize", 1, Integer.MAX_VALUE);
    Integer page = query.integer("Page", 0, Integer.MAX_VALUE);
    String token = query.string("PageToken");
    return new V2010Paging(
        size == null ? DEFAULT_SIZE : Math.min(size, MAX_SIZE),
        page == null ? 0 : page,
        token == null || token.isEmpty() ? null : Paging.decode(token));
  }

  public PageRequest request() {
    return new PageRequest(pageSize, cursor);
  }

  /**
   * The list body, in the field order of the spec's examples. {@code path} is the list's path
   * ({@code /2010-04-01/Accounts.json}); {@code filters} are echoed into every URI, in order.
   */
  public Map<String, Object> reply(
      String path, Map<String, String> filters, String key, Slice<?> slice) {
    String prefix = path + "?" + encode(filters) + "PageSize=" + pageSize;
    int start = page * pageSize;
    int count = slice.items().size();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("first_page_uri", prefix + "&Page=0");
    body.put("end", count == 0 ? start : start + count - 1);
    body.put(
        "previous_page_uri",
        slice.previous() == null ? null : pageUri(prefix, Math.max(page - 1, 0), slice.previous()));
    body.put(key, slice.items());
    body.put("uri", cursor == null ? prefix + "&Page=" + page : pageUri(prefix, page, cursor));
    body.put("page_size", pageSize);
    body.put("start", start);
    body.put(
        "next_page_uri", slice.next() == null ? null : pageUri(prefix, page + 1, slice.next()));
    body.put("page", page);
    return body;
  }

  private static String pageUri(String prefix, int page, Cursor cursor) {
    return prefix + "&Page=" + page + "&PageToken=" + Paging.encode(cursor);
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
}
