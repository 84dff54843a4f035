package dev.parley.app;

import java.nio.file.Path;

/** Everything Parley needs to start, from flags and environment (flags win). */
public record Config(
    String host,
    int port,
    Path dataDir,
    String publicUrl,
    String accountSid,
    String authToken,
    String masterKey) {

  /** The public URL, or {@code http://localhost:<port>} once the port is known. */
  public String publicUrlFor(int boundPort) {
    return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + boundPort : publicUrl;
  }
}
