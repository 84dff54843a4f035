package dev.parley.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The example of docs/verified-visitors.md, computed there in Node, Python and Java, verifies. */
class SignedIdentityTest {
  private static final String SECRET =
      "3f1c0e5a9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

  @Test
  void the_documented_hash_of_an_identity_alone_verifies() {
    SignedIdentity signed =
        new SignedIdentity(
            "user-42",
            null,
            null,
            null,
            "7b00c0ce5c5f2f23d0c70f79a5ca8c228f069b0085a44b0c137efdc492ca29aa");

    assertThat(signed.signedWith(SECRET)).isTrue();
  }

  @Test
  void the_documented_hash_with_profile_fields_verifies_in_upper_case_too() {
    SignedIdentity signed =
        new SignedIdentity(
            "user-42",
            "Ann Lee",
            "ann@example.com",
            "{\"plan\":\"gold\"}",
            "B48285ED8E3446C257A4A03830585204EAA8F24D3DBE7FD31F1DD9105CE07692");

    assertThat(signed.signedWith(SECRET)).isTrue();
  }

  @Test
  void a_changed_attribute_does_not_verify() {
    SignedIdentity signed =
        new SignedIdentity(
            "user-42",
            "Ann Lee",
            "ann@example.com",
            "{\"plan\":\"platinum\"}",
            "b48285ed8e3446c257a4a03830585204eaa8f24d3dbe7fd31f1dd9105ce07692");

    assertThat(signed.signedWith(SECRET)).isFalse();
  }

  @Test
  void no_secret_verifies_nothing() {
    SignedIdentity signed =
        new SignedIdentity(
            "user-42",
            null,
            null,
            null,
            "7b00c0ce5c5f2f23d0c70f79a5ca8c228f069b0085a44b0c137efdc492ca29aa");

    assertThat(signed.signedWith(null)).isFalse();
  }
}
