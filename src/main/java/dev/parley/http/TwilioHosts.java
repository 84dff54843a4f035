package dev.parley.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Twilio's hostnames in host mode (docs/twilio-hosts.md): which of them Parley serves, and on which
 * one Twilio serves each path Parley answers, so that a request that came in on a Twilio hostname
 * gets the absolute URLs Twilio would give ({@code https://conversations.twilio.com/v1/…}). Every
 * hostname reaches the same routes; only the URLs in the answers depend on it.
 */
public final class TwilioHosts {
  public static final String DOMAIN = "twilio.com";

  /** The region of the unregioned names and of the SDK's defaults ({@code tsock.us1…}). */
  public static final String DEFAULT_REGION = "us1";

  /**
   * Regions and their edges ({@code <product>.<edge>.<region>.twilio.com}, as twilio-node and
   * twilio-java build them from their {@code edge} and {@code region} options; the SDK's {@code
   * region} option names {@code tsock.<region>.twilio.com}). The certificate covers them all.
   */
  static final List<List<String>> REGIONS =
      List.of(
          List.of("us1", "ashburn", "umatilla"),
          List.of("us2"),
          List.of("ie1", "dublin"),
          List.of("de1", "frankfurt"),
          List.of("au1", "sydney"),
          List.of("jp1", "tokyo"),
          List.of("sg1", "singapore"),
          List.of("br1", "sao-paulo"));

  /** Products served without a region in their default hostname. */
  private static final List<String> GLOBAL = List.of("api", "conversations", "flex-api");

  /** Regional products: the SDK's socket, its media uploads, and the tunnelled services. */
  private static final List<String> REGIONAL = List.of("tsock", "mcs", "aim", "cds");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}[0-9]");
  private static final Pattern MEDIA = Pattern.compile("^/v1/Services/[^/]+/Media(Set)?(/.*)?$");

  private TwilioHosts() {}

  /**
   * The region named by {@code host} (a {@code Host} header, port allowed) when it is a hostname of
   * Twilio's Parley serves; null for any other name, so its answers keep the public URL.
   */
  public static String regionOf(String host) {
    if (host == null) {
      return null;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > 0 && !name.endsWith("]")) {
      name = name.substring(0, colon);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (!name.endsWith("." + DOMAIN)) {
      return null;
    }
    String[] labels = name.substring(0, name.length() - DOMAIN.length() - 1).split("\\.");
    String product = labels[0];
    String region = labels.length > 1 ? labels[labels.length - 1] : DEFAULT_REGION;
    if (labels.length > 3 || !REGION.matcher(region).matches()) {
      return null;
    }
    if (!GLOBAL.contains(product) && !REGIONAL.contains(product)) {
      return null;
    }
    return region;
  }

  /**
   * The hostname Twilio serves {@code path} on, for a client of {@code region}; null for Parley's
   * own paths ({@code /parley/v1}, the console, the widget), which keep the public URL.
   */
  public static String hostFor(String path, String region) {
    if (path.startsWith("/2010-04-01/")) {
      return "api." + DOMAIN;
    }
    if (path.startsWith("/v2/WebChats")
        || path.startsWith("/v2/Webchat/")
        || path.startsWith("/v1/WebChannels")
        || path.startsWith("/v1/FlexFlows")) {
      return "flex-api." + DOMAIN;
    }
    if (MEDIA.matcher(path).matches()) {
      return regional("mcs", region);
    }
    if (path.startsWith("/v3/wsconnect")) {
      return regional("tsock", region);
    }
    if (path.startsWith("/Client/v2/")) {
      return regional("aim", region);
    }
    if (path.startsWith("/v3/") || path.startsWith("/v4/")) {
      return regional("cds", region);
    }
    if (path.startsWith("/v1/")) {
      return "conversations." + DOMAIN;
    }
    return null;
  }

  private static String regional(String product, String region) {
    return product + "." + region + "." + DOMAIN;
  }

  /**
   * The hostnames of the default region, one per product: the hosts-file line ({@code ./parley
   * trust}) and Docker's {@code extra_hosts}. A hosts file has no wildcards, so other regions and
   * edges need their own lines.
   */
  public static List<String> defaultNames() {
    List<String> names = new ArrayList<>();
    for (String product : GLOBAL) {
      names.add(product + "." + DOMAIN);
    }
    for (String product : REGIONAL) {
      names.add(regional(product, DEFAULT_REGION));
    }
    return names;
  }

  /**
   * The server certificate's names: {@code *.twilio.com}, and {@code *.<region>.twilio.com} and
   * {@code *.<edge>.<region>.twilio.com} for every region and edge (a wildcard covers one label).
   */
  public static List<String> certificateNames() {
    List<String> names = new ArrayList<>();
    names.add("*." + DOMAIN);
    for (List<String> region : REGIONS) {
      String name = region.get(0);
      names.add("*." + name + "." + DOMAIN);
      for (String edge : region.subList(1, region.size())) {
        names.add("*." + edge + "." + name + "." + DOMAIN);
      }
    }
    return names;
  }
}
