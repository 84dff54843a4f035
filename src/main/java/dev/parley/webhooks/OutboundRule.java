package dev.parley.webhooks;

import dev.parley.error.ApiException;
import dev.parley.events.WebhookUrlCheck;
import dev.parley.net.Networks;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which addresses Parley may call on a user's behalf (webhooks, pre-action hooks): none that is
 * loopback, private, link-local (the cloud metadata address), shared (CGNAT), multicast, reserved
 * or unspecified, IPv4 or IPv6, nor an IPv6 address that embeds such an IPv4 one, unless the
 * operator's allow-list ({@code PARLEY_WEBHOOK_ALLOW_NETWORKS}) holds it. As GitLab and Mattermost
 * do, the rule is applied to the address actually connected to: the caller resolves the host
 * through {@link #vet(String)} and connects to the address it answers, so a name that changes
 * between the check and the connection (DNS rebinding) gains nothing.
 */
public final class OutboundRule implements WebhookUrlCheck {
  /** The setting that widens the rule, named in every refusal. */
  public static final String SETTING = "PARLEY_WEBHOOK_ALLOW_NETWORKS";

  private static final String ALLOW = "; allow it with " + SETTING;

  /** How long a configuration request waits for DNS before it lets delivery decide. */
  static final long CONFIGURATION_LOOKUP_MILLIS = 2_000;

  /** Looks a host up; the system's resolver, or a test's. */
  @FunctionalInterface
  public interface Resolver {
    Resolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A host Parley will not call, and why (for the delivery log and the {@code 400}). */
  public static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private record Denied(Networks networks, String what) {}

  // 255.255.255.255 (broadcast) is inside 240.0.0.0/4; IPv4-mapped (::ffff:0:0/96),
  // IPv4-compatible (::/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses are checked by the
  // IPv4 address they embed (embeddedIpv4).
  private static final List<Denied> DENIED =
      List.of(
          new Denied(Networks.parse("0.0.0.0/8,::/128"), "unspecified (\"this network\")"),
          new Denied(Networks.parse("127.0.0.0/8,::1/128"), "loopback"),
          new Denied(
              Networks.parse("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7,fec0::/10"),
              "in a private network"),
          new Denied(
              Networks.parse("169.254.0.0/16,fe80::/10"),
              "link-local (where cloud metadata services answer)"),
          new Denied(Networks.parse("100.64.0.0/10"), "in the shared address space of CGNAT"),
          new Denied(Networks.parse("224.0.0.0/4,ff00::/8"), "multicast"),
          new Denied(Networks.parse("240.0.0.0/4,64:ff9b:1::/48"), "reserved"));

  private static final ExecutorService CONFIGURATION_LOOKUPS =
      Executors.newFixedThreadPool(
          4,
          work -> {
            Thread thread = new Thread(work, "parley-webhook-url-lookup");
            thread.setDaemon(true);
            return thread;
          });

  /** The default: nothing internal allowed. */
  public static final OutboundRule DEFAULT = new OutboundRule(Networks.NONE, Resolver.SYSTEM);

  private final Networks allowed;
  private final Resolver resolver;

  public OutboundRule(Networks allowed, Resolver resolver) {
    this.allowed = allowed;
    this.resolver = resolver;
  }

  /** The rule with this allow-list, on the system's resolver. */
  public static OutboundRule allowing(Networks allowed) {
    return new OutboundRule(allowed, Resolver.SYSTEM);
  }

  public Networks allowed() {
    return allowed;
  }

  /** This rule on another resolver (tests that change what a name resolves to). */
  public OutboundRule resolvingWith(Resolver other) {
    return new OutboundRule(allowed, other);
  }

  /** Why Parley will not call {@code address}, or null when it may. */
  public String refusal(InetAddress address) {
    String why = why(address);
    return why == null ? null : "address " + text(address) + " " + why + ALLOW;
  }

  /**
   * Resolves {@code host} (a name or an address literal, IPv6 with or without brackets) and answers
   * the address to connect to: the first, once every address was checked (one refused address
   * refuses the host, as GitLab does: a name that answers both is not to be trusted). Blocks on
   * DNS: call it off the event loop.
   */
  public InetAddress vet(String host) throws UnknownHostException {
    String bare = bare(host);
    InetAddress[] addresses = resolver.resolve(bare);
    if (addresses.length == 0) {
      throw new UnknownHostException(host);
    }
    for (InetAddress address : addresses) {
      String why = why(address);
      if (why != null) {
        throw new Refused(
            NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)
                ? "address " + text(address) + " " + why + ALLOW
                : "host " + bare + " resolves to " + text(address) + ", which " + why + ALLOW);
      }
    }
    return addresses[0];
  }

  /** "is loopback (127.0.0.0/8)" or "embeds 127.0.0.1, which is …" when refused, else null. */
  private String why(InetAddress address) {
    if (allowed.contains(address)) {
      return null;
    }
    String what = denial(address);
    if (what != null) {
      return "is " + what;
    }
    InetAddress embedded = embeddedIpv4(address);
    if (embedded == null || allowed.contains(embedded)) {
      return null;
    }
    what = denial(embedded);
    return what == null ? null : "embeds " + text(embedded) + ", which is " + what;
  }

  /**
   * The configuration-time check: a host that is an address Parley refuses, or a name that resolves
   * to one, is a {@code 400}. A name that does not resolve within {@value
   * #CONFIGURATION_LOOKUP_MILLIS} ms is accepted: configuration must not depend on DNS being
   * reachable, and every call is checked again.
   */
  @Override
  public void vet(String parameter, String url) {
    if (url == null || url.isEmpty()) {
      return;
    }
    String host;
    try {
      host = new URI(url).getHost();
    } catch (URISyntaxException notAUrl) {
      return; // the URL's own check answers this
    }
    if (host == null) {
      return;
    }
    CompletableFuture<Void> lookup =
        CompletableFuture.runAsync(
            () -> {
              try {
                vet(host);
              } catch (UnknownHostException notFound) {
                // delivery decides
              }
            },
            CONFIGURATION_LOOKUPS);
    try {
      lookup.get(CONFIGURATION_LOOKUP_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Refused refused) {
        throw ApiException.invalid(parameter, refused.getMessage());
      }
    } catch (TimeoutException slowDns) {
      lookup.cancel(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String denial(InetAddress address) {
    for (Denied denied : DENIED) {
      Networks.Block block = denied.networks().find(address);
      if (block != null) {
        return denied.what() + " (" + block + ")";
      }
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address, or null. */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    byte[] v4;
    if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      v4 = Arrays.copyOfRange(b, 12, 16); // ::ffff:a.b.c.d
    } else if (zero(b, 0, 12)) {
      v4 = Arrays.copyOfRange(b, 12, 16); // ::a.b.c.d (::, ::1 are denied before)
    } else if (b[0] == 0
        && b[1] == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && zero(b, 4, 12)) {
      v4 = Arrays.copyOfRange(b, 12, 16); // 64:ff9b::a.b.c.d
    } else if (b[0] == 0x20 && b[1] == 0x02) {
      v4 = Arrays.copyOfRange(b, 2, 6); // 2002:aabb:ccdd::/48
    } else {
      return null;
    }
    try {
      return Inet4Address.getByAddress(v4);
    } catch (UnknownHostException impossible) {
      return null;
    }
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An address as people write it: {@code ::1}, not {@code 0:0:0:0:0:0:0:1}. */
  private static String text(InetAddress address) {
    return NetUtil.toAddressString(address);
  }

  /** A host as URIs write it, without the brackets of an IPv6 literal. */
  static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
