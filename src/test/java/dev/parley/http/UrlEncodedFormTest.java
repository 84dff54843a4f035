package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.error.ApiException;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The form decoder on bytes as clients send them, and on bytes no client should send. */
class UrlEncodedFormTest {
  private static MultiMap decode(String body) {
    return UrlEncodedForm.decode(body.getBytes(StandardCharsets.ISO_8859_1), 256);
  }

  @Test
  void decodes_plus_as_a_space_and_percent_escapes_as_utf8() {
    MultiMap form = decode("Body=Hello+w%C3%B6rld+%F0%9F%98%80%2B1&Author=ann%40x");

    assertThat(form.get("Body")).isEqualTo("Hello wörld 😀+1");
    assertThat(form.get("Author")).isEqualTo("ann@x");
  }

  @Test
  void decodes_a_name_as_it_decodes_a_value() {
    assertThat(decode("Configuration%2EUrl=u&A+b=c").names())
        .containsExactlyInAnyOrder("Configuration.Url", "A b");
  }

  @Test
  void keeps_every_value_of_a_repeated_name_in_order() {
    MultiMap form = decode("MediaSid=ME2&Body=x&MediaSid=ME1&MediaSid=ME3");

    assertThat(form.getAll("MediaSid")).containsExactly("ME2", "ME1", "ME3");
  }

  @Test
  void matches_names_without_regard_to_case_as_vertx_form_attributes_did() {
    assertThat(decode("body=x").get("Body")).isEqualTo("x");
  }

  @Test
  void skips_empty_fields_and_reads_a_name_without_equals_as_empty() {
    MultiMap form = decode("&&Body=x&&Flag&Empty=&");

    assertThat(form.get("Body")).isEqualTo("x");
    assertThat(form.get("Flag")).isEmpty();
    assertThat(form.get("Empty")).isEmpty();
    assertThat(form.size()).isEqualTo(3);
  }

  @Test
  void keeps_equals_signs_and_raw_line_breaks_inside_a_value() {
    MultiMap form = decode("Attributes=a=b=c&Body=line\r\nnext&Author=x");

    assertThat(form.get("Attributes")).isEqualTo("a=b=c");
    assertThat(form.get("Body")).isEqualTo("line\r\nnext");
    assertThat(form.get("Author")).isEqualTo("x");
  }

  @Test
  void reads_raw_utf8_bytes() {
    byte[] body = "Body=wörld".getBytes(StandardCharsets.UTF_8);

    assertThat(UrlEncodedForm.decode(body, 256).get("Body")).isEqualTo("wörld");
  }

  @Test
  void an_empty_body_has_no_fields() {
    assertThat(decode("").isEmpty()).isTrue();
  }

  @Test
  void refuses_malformed_percent_escapes() {
    for (String body : new String[] {"Body=%", "Body=%4", "Body=%zz", "Body=a%G1", "%=x", "B%=x"}) {
      assertRefused(body, "malformed percent-encoding");
    }
  }

  @Test
  void refuses_escapes_and_bytes_that_are_not_utf8() {
    for (String body : new String[] {"Body=%C3%28", "Body=%FF", "Body=%ED%A0%80", "B%C3=x"}) {
      assertRefused(body, "not UTF-8");
    }
    assertThatThrownBy(() -> UrlEncodedForm.decode(new byte[] {'B', '=', (byte) 0xC3}, 256))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void refuses_a_field_with_no_name() {
    assertRefused("=novalue", "no name");
    assertRefused("Body=x&=y", "no name");
  }

  @Test
  void refuses_more_fields_than_the_limit() {
    String body = "a=1&".repeat(256) + "b=2";

    assertRefused(body, "more than 256 fields");
    assertThat(decode("a=1&".repeat(256)).getAll("a")).hasSize(256);
  }

  private static void assertRefused(String body, String why) {
    assertThatThrownBy(() -> decode(body))
        .as(body)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error().status()).isEqualTo(400))
        .hasMessageContaining(why);
  }
}
