package dev.parley.app;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The TLS side of Twilio host mode (docs/twilio-hosts.md): the listener's options with the local
 * CA's server certificate.
 */
final class TwilioHostsListener {
  private TwilioHostsListener() {}

  /**
   * {@code options} with TLS on, the server certificate for Twilio's hostnames (chosen by SNI, and
   * the default for a client that sends none), HTTP/1.1 only: ALPN stays off, since Twilsock's
   * WebSocket upgrade is HTTP/1.1 and a browser that negotiated HTTP/2 would not make it.
   */
  static HttpServerOptions options(HttpServerOptions options, LocalAuthority.Issued issued) {
    // The key store lives in memory only, under a password nobody needs to know.
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getEncoder().encodeToString(secret);
    return options
        .setSsl(true)
        .setSni(true)
        .setUseAlpn(false)
        .setKeyCertOptions(
            new KeyStoreOptions()
                .setType("PKCS12")
                .setPassword(password)
                .setValue(Buffer.buffer(issued.keyStore(password.toCharArray()))));
  }
}
