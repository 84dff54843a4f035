package dev.parley.webchat;

import dev.parley.error.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The browser origins a deployment key may be used from: at most {@value #MAX} of {@code
 * scheme://host[:port]} (Webchat 3 allows up to 10 trusted URLs per key). Kept normalised the way
 * browsers send {@code Origin}: lower case, no default port. An empty list allows every origin (as
 * Twilio's Webchat orchestrator answers {@code *} when none is configured).
 */
public record AllowedOrigins(List<String> origins) {
  public static final int MAX = 10;
  public static final AllowedOrigins ANY = new AllowedOrigins(List.of());

  public AllowedOrigins {
    origins = List.copyOf(origins);
  }

  /**
   * Checks and normalises {@code values}; a 400 naming {@code parameter} when one is not an origin.
   */
  public static AllowedOrigins parse(String parameter, List<String> values) {
    Set<String> origins = new LinkedHashSet<>();
    for (String value : values) {
      if (value.isEmpty()) {
        continue; // AllowedOrigins= (one empty value) clears the list
      }
      origins.add(
          normalise(value)
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          parameter,
                          value + " is not an origin such as https://example.com:8443")));
    }
    if (origins.size() > MAX) {
      throw ApiException.invalid(parameter, "at most " + MAX + " origins are allowed");
    }
    return new AllowedOrigins(List.copyOf(origins));
  }

  /**
   * Whether a request whose {@code Origin} header is {@code origin} (null when absent) may pass.
   */
  public boolean allows(String origin) {
    if (origins.isEmpty()) {
      return true;
    }
    return origin != null && normalise(origin).map(origins::contains).orElse(false);
  }

  private static java.util.Optional<String> normalise(String value) {
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean bare =
          (uri.getRawPath() == null || uri.getRawPath().isEmpty())
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
        return java.util.Optional.empty();
      }
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      return java.util.Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    } catch (URISyntaxException e) {
      return java.util.Optional.empty();
    }
  }
}
