package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The schema check must be able to fail, or every test that leans on it proves nothing. */
@NoStore
class OpenApiTest {
  private static final String PARTICIPANT =
      "{\"account_sid\":\"AC00000000000000000000000000000001\","
          + "\"conversation_sid\":\"CH00000000000000000000000000000001\","
          + "\"sid\":\"MB00000000000000000000000000000001\",\"identity\":\"ann\","
          + "\"attributes\":\"{}\",\"messaging_binding\":null,\"role_sid\":null,"
          + "\"date_created\":\"2015-12-16T22:18:37Z\",\"date_updated\":\"2015-12-16T22:18:37Z\","
          + "\"url\":\"http://localhost/v1/Conversations/CH00000000000000000000000000000001/Participants/MB00000000000000000000000000000001\","
          + "\"last_read_message_index\":null,\"last_read_timestamp\":null}";
  private static final String PATH =
      "/v1/Conversations/CH00000000000000000000000000000001/Participants";

  @Test
  void accepts_a_body_that_matches_the_spec() {
    assertThatCode(() -> OpenApi.assertValid("POST", PATH, 201, PARTICIPANT))
        .doesNotThrowAnyException();
  }

  @Test
  void rejects_a_field_of_the_wrong_type() {
    String body =
        PARTICIPANT.replace(
            "\"last_read_message_index\":null", "\"last_read_message_index\":\"x\"");

    assertThatThrownBy(() -> OpenApi.assertValid("POST", PATH, 201, body))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void rejects_a_sid_with_the_wrong_prefix() {
    String body = PARTICIPANT.replace("\"sid\":\"MB", "\"sid\":\"XX");

    assertThatThrownBy(() -> OpenApi.assertValid("POST", PATH, 201, body))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void rejects_a_missing_field() {
    String body = PARTICIPANT.replace("\"role_sid\":null,", "");

    assertThatThrownBy(() -> OpenApi.assertValid("POST", PATH, 201, body))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void rejects_an_error_body_without_more_info() {
    assertThatThrownBy(
            () ->
                OpenApi.assertValid(
                    "GET", PATH, 404, "{\"code\":20404,\"message\":\"x\",\"status\":404}"))
        .isInstanceOf(AssertionError.class);
  }
}
