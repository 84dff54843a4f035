package dev.parley.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.error.ApiException;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void a_clients_json_is_kept_as_sent() {
    String sent = "{ \"b\": 1,\n \"a\": [true] }";

    assertThat(Attributes.parse("Attributes", sent).json()).isEqualTo(sent);
  }

  @Test
  void text_that_is_not_json_is_refused_naming_the_parameter() {
    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> Attributes.parse("Attributes", "{\"a\": 1} trailing"));

    assertThat(refused.getMessage()).contains("Attributes").contains(JsonInput.NOT_JSON);
  }

  @Test
  void json_nested_too_deep_is_refused() {
    String deep = "[".repeat(JsonInput.MAX_DEPTH + 1) + "]".repeat(JsonInput.MAX_DEPTH + 1);

    ApiException refused =
        catchThrowableOfType(ApiException.class, () -> Attributes.parse("Attributes", deep));

    assertThat(refused.getMessage()).contains(JsonInput.TOO_DEEP);
  }

  @Test
  void absent_stays_absent() {
    assertThat(Attributes.parse("Attributes", null)).isNull();
    assertThat(Attributes.trusted(null)).isNull();
    assertThat(Attributes.json(null)).isNull();
  }

  @Test
  void two_attributes_with_the_same_text_are_equal() {
    assertThat(Attributes.parse("Attributes", "{}")).isEqualTo(Attributes.EMPTY);
  }
}
