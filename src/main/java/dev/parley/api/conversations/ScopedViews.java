package dev.parley.api.conversations;

/** What differs between a view at a short path and at its service-scoped twin. */
final class ScopedViews {
  private ScopedViews() {}

  /**
   * The {@code chat_service_sid} to show: the service-scoped schemas have the field, the short-path
   * ones do not, so it is null (and left out) under {@code /v1}.
   */
  static String serviceSid(String prefix, String serviceSid) {
    return prefix.startsWith("/v1/Services/") ? serviceSid : null;
  }
}
