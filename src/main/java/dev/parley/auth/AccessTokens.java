package dev.parley.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidPrefix;
import dev.parley.store.Store;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Twilio access tokens as the helper libraries mint them (twilio-java {@code AccessToken} with a
 * {@code ChatGrant}): a JWT with header {@code {"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"}},
 * HMAC-SHA256 signed with an API key's secret, {@code iss} the key SID, {@code sub} the account,
 * {@code jti} {@code <key SID>-<unix seconds>}, {@code exp}, optional {@code nbf}/{@code iat}, and
 * {@code grants} {@code {"identity":…, "chat":{"service_sid":"IS…"}}}. Twilio caps the lifetime at
 * 24 hours (https://www.twilio.com/docs/iam/access-tokens).
 */
public final class AccessTokens {
  public static final Duration MAX_LIFETIME = Duration.ofHours(24);
  static final String CONTENT_TYPE = "twilio-fpa;v=1";
  private static final Pattern JTI_TIME = Pattern.compile("-(\\d{1,12})$");

  /**
   * RFC 7515's compact form: three base64url segments, unpadded. Nimbus's decoder skips characters
   * outside the alphabet, so without this check one signed token verified in endless spellings (a
   * stray character anywhere in its signature; found by AccessTokensFuzzTest).
   */
  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private final Authenticator keys;
  private final Store store;
  private final Clock clock;

  public AccessTokens(Authenticator keys, Store store, Clock clock) {
    this.keys = keys;
    this.store = store;
    this.clock = clock;
  }

  /**
   * The grant of a valid token. Blocking (may read the key). Throws a 401 {@link ApiException}
   * naming what is wrong: 20101 malformed, 20102 header, 20103 issuer/subject (unknown or deleted
   * key, key of another account), 20107 signature, 20104 expired or lifetime over 24 h, 20105 not
   * yet valid, 20106 grants (also a service that is not the signing key's account's: a key speaks
   * for its own account only). The signature is checked before any time and the service, so only a
   * genuine token learns that it has expired or what its service is.
   */
  public AccessGrant verify(String token) {
    SignedJWT jwt = parse(token);
    checkHeader(jwt.getHeader());
    JWTClaimsSet claims = claims(jwt);
    String keySid = claims.getIssuer();
    String accountSid = claims.getSubject();
    if (!SidPrefix.API_KEY.matches(keySid)) {
      throw new ApiException(TwilioError.TOKEN_ISSUER_INVALID, "iss must be an API key SID (SK…)");
    }
    if (!SidPrefix.ACCOUNT.matches(accountSid)) {
      throw new ApiException(TwilioError.TOKEN_ISSUER_INVALID, "sub must be an account SID (AC…)");
    }
    Instant issued = issuedAt(claims, keySid);
    Instant expires = required(claims.getExpirationTime(), "exp").toInstant();
    Chat chat = grants(claims);
    SigningKey key =
        keys.signingKey(keySid)
            .orElseThrow(() -> new ApiException(TwilioError.TOKEN_ISSUER_UNKNOWN, keySid));
    if (!key.accountSid().equals(accountSid)) {
      throw new ApiException(TwilioError.TOKEN_SUBJECT_MISMATCH, keySid, accountSid);
    }
    checkSignature(jwt, key);
    checkTimes(issued, expires, claims.getNotBeforeTime());
    AccessGrant grant =
        new AccessGrant(accountSid, chat.serviceSid(), chat.identity(), keySid, expires);
    checkService(grant);
    return grant;
  }

  /**
   * Checks a verified grant against the live key, account and service, for a connection that
   * outlives its token's verification: throws the {@link ApiException} {@link #verify} would now
   * (20103 for a deleted key or a closed account, 20403 for a suspended one, 20106 for a deleted
   * service). {@code fresh} reads the key and its account from the store rather than from the
   * credential cache, which another node's change may have left stale. Blocking.
   */
  public void recheck(AccessGrant grant, boolean fresh) {
    if (fresh) {
      keys.forget(grant.keySid());
    }
    SigningKey key =
        keys.signingKey(grant.keySid())
            .orElseThrow(() -> new ApiException(TwilioError.TOKEN_ISSUER_UNKNOWN, grant.keySid()));
    if (!key.accountSid().equals(grant.accountSid())) {
      throw new ApiException(
          TwilioError.TOKEN_SUBJECT_MISMATCH, grant.keySid(), grant.accountSid());
    }
    checkService(grant);
  }

  private void checkService(AccessGrant grant) {
    boolean ours =
        store
            .readOne(tx -> store.services().find(tx, grant.accountSid(), grant.serviceSid()))
            .isPresent();
    if (!ours) {
      throw new ApiException(
          TwilioError.TOKEN_GRANTS_INVALID,
          "grants.chat.service_sid "
              + grant.serviceSid()
              + " is no Conversation Service of account "
              + grant.accountSid());
    }
  }

  /**
   * A token for {@code identity} in {@code serviceSid}, signed with {@code key}, valid for {@code
   * ttl}.
   */
  public MintedToken mint(SigningKey key, String serviceSid, String identity, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("token lifetime must be within 24 hours: " + ttl);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(ttl);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .jwtID(key.keySid() + "-" + now.getEpochSecond())
            .issuer(key.keySid())
            .subject(key.accountSid())
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim(
                "grants", Map.of("identity", identity, "chat", Map.of("service_sid", serviceSid)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT)
                .contentType(CONTENT_TYPE)
                .build(),
            claims);
    try {
      jwt.sign(new MACSigner(key.secret()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token with key " + key.keySid(), e);
    }
    return new MintedToken(jwt.serialize(), expires);
  }

  private record Chat(String identity, String serviceSid) {}

  private static SignedJWT parse(String token) {
    if (token == null || token.isBlank()) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "no token given");
    }
    String compact = token.trim();
    if (!COMPACT_JWS.matcher(compact).matches()) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "not a signed JWT");
    }
    try {
      return SignedJWT.parse(compact);
    } catch (ParseException | RuntimeException e) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "not a signed JWT");
    }
  }

  /**
   * The SDKs reject a token without {@code cty}; the "none" and public-key algorithms are refused.
   */
  private static void checkHeader(JWSHeader header) {
    if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
      throw new ApiException(
          TwilioError.TOKEN_HEADER_INVALID, "alg must be HS256, not " + header.getAlgorithm());
    }
    if (!CONTENT_TYPE.equals(header.getContentType())) {
      throw new ApiException(TwilioError.TOKEN_HEADER_INVALID, "cty must be " + CONTENT_TYPE);
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "the payload is not a JSON claims set");
    }
  }

  /**
   * {@code iat} when present (twilio-node), else the time in {@code jti} (every helper library).
   */
  private static Instant issuedAt(JWTClaimsSet claims, String keySid) {
    String jti = claims.getJWTID();
    var time = jti == null ? null : JTI_TIME.matcher(jti);
    if (time == null || !time.find() || !jti.equals(keySid + time.group())) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "jti must be <API key SID>-<timestamp>");
    }
    Date iat = claims.getIssueTime();
    return iat != null ? iat.toInstant() : Instant.ofEpochSecond(Long.parseLong(time.group(1)));
  }

  private static Chat grants(JWTClaimsSet claims) {
    Map<String, Object> grants;
    try {
      grants = claims.getJSONObjectClaim("grants");
    } catch (ParseException e) {
      throw new ApiException(TwilioError.TOKEN_GRANTS_INVALID, "grants must be an object");
    }
    if (grants == null
        || !(grants.get("identity") instanceof String identity)
        || identity.isBlank()) {
      throw new ApiException(TwilioError.TOKEN_GRANTS_INVALID, "grants.identity is missing");
    }
    if (!(grants.get("chat") instanceof Map<?, ?> chat)
        || !(chat.get("service_sid") instanceof String service)
        || !SidPrefix.SERVICE.matches(service)) {
      throw new ApiException(
          TwilioError.TOKEN_GRANTS_INVALID, "grants.chat.service_sid must be a service SID (IS…)");
    }
    return new Chat(identity, service);
  }

  private static void checkSignature(SignedJWT jwt, SigningKey key) {
    boolean valid;
    try {
      valid = jwt.verify(new MACVerifier(key.secret()));
    } catch (JOSEException e) {
      // A secret too short for HS256 cannot have signed a token twilio-java would mint.
      valid = false;
    }
    if (!valid) {
      throw new ApiException(TwilioError.TOKEN_SIGNATURE_INVALID);
    }
  }

  private void checkTimes(Instant issued, Instant expires, Date notBefore) {
    Instant now = clock.instant();
    if (!now.isBefore(expires)) {
      throw new ApiException(TwilioError.TOKEN_EXPIRED, expires);
    }
    if (Duration.between(issued, expires).compareTo(MAX_LIFETIME) > 0
        || Duration.between(now, expires).compareTo(MAX_LIFETIME) > 0) {
      throw new ApiException(TwilioError.TOKEN_LIFETIME_TOO_LONG);
    }
    if (notBefore != null && now.isBefore(notBefore.toInstant())) {
      throw new ApiException(TwilioError.TOKEN_NOT_YET_VALID, notBefore.toInstant());
    }
  }

  private static <T> T required(T value, String claim) {
    if (value == null) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, claim + " is missing");
    }
    return value;
  }
}
