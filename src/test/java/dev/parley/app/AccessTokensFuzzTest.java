package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.error.ApiException;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of access-token verification (what {@code init}/{@code update} and the
 * Webchat guest endpoints run on a caller's token): arbitrary text and mutations of a valid
 * twilio-java token are refused with one of the token errors 20101–20107, never another exception,
 * and a mutated token is accepted only when it still decodes to the very token that was signed.
 * Replays {@code AccessTokensFuzzTestInputs/} in every run; fuzzes with {@code JAZZER_FUZZ=1}
 * (docs/testing.md). In {@code app} for {@code Parley.wiring()}.
 */
class AccessTokensFuzzTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final Set<Integer> TOKEN_ERRORS =
      Set.of(20101, 20102, 20103, 20104, 20105, 20106, 20107);

  private static AccessTokens tokens;
  private static String valid;

  @BeforeAll
  static void mint_a_valid_token() {
    JsonPath key =
        server
            .api()
            .formParam("FriendlyName", "fuzz")
            .post("/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys.json")
            .then()
            .extract()
            .jsonPath();
    String service =
        server.api().get("/v1/Configuration").then().extract().path("default_chat_service_sid");
    valid =
        new AccessToken.Builder(
                ParleyServer.ACCOUNT_SID,
                key.getString("sid"),
                key.getString("secret").getBytes(StandardCharsets.UTF_8))
            .identity("fuzz@example.com")
            .grant(new ChatGrant().setServiceSid(service))
            .ttl(3600)
            .build()
            .toJwt();
    tokens = server.parley().wiring().accessTokens();
    tokens.verify(valid);
  }

  @FuzzTest(maxDuration = "2m")
  void arbitrary_text_is_refused_with_a_token_error(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      tokens.verify(text);
    } catch (ApiException refused) {
      assertThat(TOKEN_ERRORS).contains(refused.error().code());
      return;
    }
    fail("accepted a token no key signed: " + text);
  }

  /**
   * A few edits to the valid token (a character replaced, inserted or deleted; a segment replaced
   * by the base64url of fuzzed JSON), then verified.
   */
  @FuzzTest(maxDuration = "2m")
  void a_mutated_token_is_refused_unless_it_is_the_signed_token(FuzzedDataProvider data) {
    StringBuilder token = new StringBuilder(valid);
    int edits = data.consumeInt(1, 4);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      edit(token, data);
    }
    String mutated = token.toString();

    try {
      AccessGrant grant = tokens.verify(mutated);
      assertThat(sameSignedToken(mutated)).as("accepted a mutated token: %s", mutated).isTrue();
      assertThat(grant.identity()).isEqualTo("fuzz@example.com");
    } catch (ApiException refused) {
      assertThat(TOKEN_ERRORS).contains(refused.error().code());
    }
  }

  private static void edit(StringBuilder token, FuzzedDataProvider data) {
    int at = data.consumeInt(0, token.length());
    switch (data.consumeInt(0, 4)) {
      case 0 -> {
        if (at < token.length()) {
          token.setCharAt(at, data.consumeChar());
        }
      }
      case 1 -> token.insert(at, data.consumeChar());
      case 2 -> {
        if (at < token.length()) {
          token.deleteCharAt(at);
        }
      }
      default -> {
        // A whole header or payload of the fuzzer's choosing, keeping the other segments.
        String[] parts = token.toString().split("\\.", -1);
        int segment = data.consumeInt(0, parts.length - 1);
        parts[segment] =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(data.consumeString(300).getBytes(StandardCharsets.UTF_8));
        token.setLength(0);
        token.append(String.join(".", parts));
      }
    }
  }

  /**
   * Whether {@code token} is the signed token written differently: the same header and payload text
   * (the signature covers that text) and a signature decoding to the same bytes (base64url's unused
   * low bits of the last character may differ), surrounding whitespace ignored.
   */
  private static boolean sameSignedToken(String token) {
    String[] got = token.trim().split("\\.", -1);
    String[] signed = valid.split("\\.", -1);
    if (got.length != 3 || !got[0].equals(signed[0]) || !got[1].equals(signed[1])) {
      return false;
    }
    try {
      return Arrays.equals(
          Base64.getUrlDecoder().decode(got[2]), Base64.getUrlDecoder().decode(signed[2]));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
