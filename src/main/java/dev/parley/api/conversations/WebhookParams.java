package dev.parley.api.conversations;

import dev.parley.conversation.WebhookMethod;
import dev.parley.error.ApiException;
import dev.parley.http.Params;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The parameters every webhook setting shares: callback URLs, HTTP methods and event filters. */
final class WebhookParams {
  private WebhookParams() {}

  /** As {@link Params#url}, but an empty value is allowed and means "remove the URL". */
  static String urlOrClear(Params form, String name) {
    String value = form.string(name);
    return value != null && value.isEmpty() ? "" : form.url(name);
  }

  /** {@code GET} or {@code POST} in any case; null when absent. */
  static WebhookMethod method(Params form, String name) {
    return form.oneOf(name, WebhookMethod.class);
  }

  /**
   * A repeated parameter whose values must all be in {@code allowed}; null when absent, empty when
   * sent once with an empty value (which clears the list).
   */
  static List<String> names(Params form, String name, Set<String> allowed) {
    List<String> values = form.strings(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() == 1 && values.get(0).isEmpty()) {
      return List.of();
    }
    for (String value : values) {
      if (!allowed.contains(value)) {
        throw ApiException.invalid(name, "'" + value + "' is not one of " + sorted(allowed));
      }
    }
    return List.copyOf(new LinkedHashSet<>(values));
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }
}
