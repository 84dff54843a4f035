package dev.parley.console;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The client address a log-in is throttled by: the IPv4 address, or the /64 network of an IPv6 one,
 * since one IPv6 host commonly holds a whole /64 and could otherwise start afresh with every
 * address in it (RFC 6177).
 */
final class ClientAddress {
  private ClientAddress() {}

  static String of(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    if (host == null) {
      return "unknown";
    }
    return network(host);
  }

  static String network(String host) {
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      // A literal: no name lookup happens.
      InetAddress address = InetAddress.getByName(host);
      if (address instanceof Inet6Address) {
        return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "::/64";
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      return host;
    }
  }
}
