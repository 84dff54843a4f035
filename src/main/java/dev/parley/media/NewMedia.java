package dev.parley.media;

import dev.parley.error.ApiException;
import java.util.Set;

/**
 * An upload's description: its {@code Content-Type}, its {@code Filename} (optional) and its {@code
 * Category} ({@code media} unless the SDK says {@code body} or {@code history}, which it uses for
 * e-mail).
 */
public record NewMedia(String contentType, String filename, String category) {
  static final Set<String> CATEGORIES = Set.of("media", "body", "history");
  static final int MAX_FILENAME = 1024;
  static final int MAX_CONTENT_TYPE = 255;

  public NewMedia {
    if (contentType == null || contentType.isBlank()) {
      contentType = "application/octet-stream";
    }
    contentType = contentType.trim();
    if (contentType.length() > MAX_CONTENT_TYPE || !contentType.contains("/")) {
      throw ApiException.invalid("Content-Type", "must be a MIME type such as image/png");
    }
    if (filename != null && filename.isEmpty()) {
      filename = null;
    }
    if (filename != null && filename.length() > MAX_FILENAME) {
      throw ApiException.invalid("Filename", "must be at most " + MAX_FILENAME + " characters");
    }
    if (category == null || category.isEmpty()) {
      category = "media";
    }
    if (!CATEGORIES.contains(category)) {
      throw ApiException.invalid("Category", "must be media, body or history");
    }
  }
}
