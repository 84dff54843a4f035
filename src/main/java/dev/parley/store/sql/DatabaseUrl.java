package dev.parley.store.sql;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code PARLEY_DATABASE_URL} as users write it ({@code postgresql://user:secret@host:5432/parley},
 * the libpq form) or as JDBC does ({@code jdbc:postgresql://host/parley?user=…}), turned into what
 * the driver wants: a JDBC URL and the credentials apart, so they never show in logs.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

  static DatabaseUrl parse(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(url, null, null);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PARLEY_DATABASE_URL is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException(
          "PARLEY_DATABASE_URL must start with postgresql:// (or jdbc:postgresql:), got " + url);
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException(
          "PARLEY_DATABASE_URL needs a host and a database: postgresql://user@host:5432/parley");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String jdbc =
        "jdbc:postgresql://"
            + uri.getHost()
            + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
            + uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DatabaseUrl(jdbc, user, password);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return jdbcUrl + (user == null ? "" : " as " + user);
  }
}
