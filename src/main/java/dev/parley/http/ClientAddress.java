package dev.parley.http;

import dev.parley.net.Networks;
import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Who sent a request, as the per-client limits count it (Webchat's rate limit, the console's log-in
 * back-off, both by {@link #network}): the TCP peer, unless the peer is a proxy Parley was told to
 * trust ({@code --trusted-proxies}). Then {@code X-Forwarded-For} is read from its right end, each
 * trusted proxy vouching for the hop before it, and the first address that is not a trusted proxy
 * is the client. Reading from the right is what keeps a client from choosing its own address: it
 * can write anything at the left of the header, but the hops a trusted proxy appended are to its
 * right.
 */
public final class ClientAddress implements Handler<RoutingContext> {
  private static final String KEY = "parley.client_address";

  /** More hops than any real chain of proxies; the rest of a longer header is not read. */
  private static final int MAX_HOPS = 16;

  private final Networks trustedProxies;

  public ClientAddress(Networks trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  /**
   * The edge handler: leaves itself with the request, which {@link #of} resolves on first use and
   * keeps. Only the per-client limits ask (Webchat, the console's log-in), so the other requests do
   * not pay for reading the peer's address and the forwarded headers.
   */
  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, this);
    ctx.next();
  }

  /** The client address of {@code ctx}'s request ("unknown" when the connection has none). */
  public static String of(RoutingContext ctx) {
    Object known = ctx.get(KEY);
    if (known instanceof String resolved) {
      return resolved;
    }
    if (known instanceof ClientAddress clients) {
      String resolved = clients.resolve(ctx.request());
      ctx.put(KEY, resolved);
      return resolved;
    }
    return peer(ctx.request());
  }

  /**
   * What a per-client limit counts {@code ctx}'s request by: the client's IPv4 address, or the /64
   * network of an IPv6 one, since one IPv6 host commonly holds a whole /64 and could otherwise
   * start afresh with every address in it (RFC 6177).
   */
  public static String network(RoutingContext ctx) {
    return network(of(ctx));
  }

  static String network(String host) {
    if (host.indexOf(':') < 0) {
      return host;
    }
    byte[] address = NetUtil.createByteArrayFromIpAddressString(host);
    if (address == null || address.length != 16) {
      return host;
    }
    if (ipv4Mapped(address)) {
      // ::ffff:203.0.113.7 is the IPv4 client 203.0.113.7, not a /64 shared with every such one.
      return (address[12] & 0xff)
          + "."
          + (address[13] & 0xff)
          + "."
          + (address[14] & 0xff)
          + "."
          + (address[15] & 0xff);
    }
    return HexFormat.of().formatHex(Arrays.copyOf(address, 8)) + "::/64";
  }

  private static boolean ipv4Mapped(byte[] address) {
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
  }

  String resolve(HttpServerRequest request) {
    String client = peer(request);
    if (trustedProxies.isEmpty()) {
      return client;
    }
    List<String> hops = forwardedHops(request);
    for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
      String hop = withoutPort(hops.get(i));
      if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
        // Not an address: the trusted proxy to its right is as far back as the chain can be read.
        break;
      }
      client = hop;
    }
    return client;
  }

  private boolean trusted(String address) {
    InetAddress literal = NetUtil.createInetAddressFromIpAddressString(address);
    return literal != null && trustedProxies.contains(literal);
  }

  /**
   * Every {@code X-Forwarded-For} header's entries, in order, at most the last {@link #MAX_HOPS}.
   */
  private static List<String> forwardedHops(HttpServerRequest request) {
    List<String> hops =
        request.headers().getAll("X-Forwarded-For").stream()
            .flatMap(header -> Arrays.stream(header.split(",")))
            .map(String::strip)
            .filter(hop -> !hop.isEmpty())
            .toList();
    return hops.size() <= MAX_HOPS ? hops : hops.subList(hops.size() - MAX_HOPS, hops.size());
  }

  /** {@code 203.0.113.7:4711} and {@code [2001:db8::1]:4711}, as some balancers write hops. */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end < 0 ? hop : hop.substring(1, end);
    }
    int colon = hop.indexOf(':');
    return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
  }

  private static String peer(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    return host == null ? "unknown" : host;
  }
}
