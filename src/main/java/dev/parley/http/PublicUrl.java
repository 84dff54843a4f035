package dev.parley.http;

/**
 * The base of the absolute {@code url}, {@code links} and {@code meta} URLs Parley answers with.
 * Set once the server knows its port, before the first request is accepted.
 */
public final class PublicUrl {
  private volatile String base;

  public PublicUrl() {}

  public PublicUrl(String base) {
    resolve(base);
  }

  public void resolve(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public String base() {
    return base;
  }

  /** {@code base + path}; {@code path} starts with a slash. */
  public String of(String path) {
    return base + path;
  }
}
