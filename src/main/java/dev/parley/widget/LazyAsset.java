package dev.parley.widget;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A file of the jar read on its first request, off the event loop, so that a server start does not
 * wait for it; every later request gets the same read.
 */
public final class LazyAsset {
  private final String resource;
  private final String contentType;
  private final String cacheControl;
  private Future<StaticAsset> loaded;

  public LazyAsset(String resource, String contentType, String cacheControl) {
    this.resource = resource;
    this.contentType = contentType;
    this.cacheControl = cacheControl;
  }

  /** The file, or null when the jar was built without it. */
  public synchronized Future<StaticAsset> get(Vertx vertx) {
    if (loaded == null) {
      loaded =
          vertx.executeBlocking(() -> StaticAsset.load(resource, contentType, cacheControl), false);
    }
    return loaded;
  }

  public boolean exists() {
    return StaticAsset.exists(resource);
  }
}
