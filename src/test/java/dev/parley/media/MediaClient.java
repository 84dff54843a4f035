package dev.parley.media;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.testing.ParleyServer;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;

/**
 * Calls the Media Content Service as its clients do: the SDK with {@code X-Twilio-Token}, server
 * code with the account's Basic credentials (twilio-java has no MCS client, so REST Assured).
 */
final class MediaClient {
  private final ParleyServer server;
  private final String serviceSid;
  private final String keySid;
  private final String secret;

  MediaClient(ParleyServer server) {
    this.server = server;
    JsonPath key =
        server
            .api()
            .formParam("FriendlyName", "backend")
            .post("/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    this.keySid = key.getString("sid");
    this.secret = key.getString("secret");
    this.serviceSid =
        server.api().get("/v1/Configuration").then().extract().path("default_chat_service_sid");
  }

  String serviceSid() {
    return serviceSid;
  }

  String media() {
    return "/v1/Services/" + serviceSid + "/Media";
  }

  /** An access token for {@code identity} in the default service, as a customer's backend mints. */
  String token(String identity) {
    return token(identity, serviceSid);
  }

  /** An access token for {@code identity} in service {@code service}. */
  String token(String identity, String service) {
    return new AccessToken.Builder(
            ParleyServer.ACCOUNT_SID, keySid, secret.getBytes(StandardCharsets.UTF_8))
        .identity(identity)
        .grant(new ChatGrant().setServiceSid(service))
        .build()
        .toJwt();
  }

  /** A request that sends the Content-Type it is given, without a charset added. */
  RequestSpecification exact() {
    return server
        .unchecked()
        .config(
            RestAssuredConfig.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
  }

  RequestSpecification asAccount() {
    return exact().auth().preemptive().basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);
  }

  RequestSpecification as(String identity) {
    return exact().header("X-Twilio-Token", token(identity));
  }

  /** Uploads {@code bytes} as {@code type} with the account's credentials; the media resource. */
  JsonPath upload(String type, byte[] bytes) {
    return uploaded(asAccount(), type, bytes);
  }

  /** Uploads {@code bytes} as {@code identity} through its access token; the media resource. */
  JsonPath uploadAs(String identity, String type, byte[] bytes) {
    return uploaded(as(identity), type, bytes);
  }

  private JsonPath uploaded(RequestSpecification as, String type, byte[] bytes) {
    Response response =
        as.contentType(type).body(bytes).queryParam("Filename", "file.bin").post(media());
    return response.then().statusCode(201).extract().jsonPath();
  }
}
