package dev.parley.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.Json;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.WebchatDeploymentStore;

/**
 * Who an init's visitor is (docs/verified-visitors.md): a site's signed identity when the
 * deployment's {@link IdentityVerification} and the hash allow it, else an anonymous visitor, new
 * or returning. A verified visitor chats as {@value
 * WebchatDeploymentStore#VERIFIED_IDENTITY_PREFIX} followed by the site's identity, a namespace
 * that Parley's random guest identities never enter and that an unverified init cannot name (it may
 * name only identities recorded as guests, which verified ones never are); agents may not take it
 * either.
 */
final class VerifiedVisitors {
  /** What the init runs as: {@code identity} null for a new anonymous visitor. */
  record Visitor(
      String identity,
      boolean verified,
      boolean returningGuest,
      String customerFriendlyName,
      String preEngagementData) {}

  private final Store store;

  VerifiedVisitors(Store store) {
    this.store = store;
  }

  /** Decides before any write; throws the init's error when the deployment refuses the visitor. */
  Visitor decide(Tx tx, WebchatDeployment deployment, GuestRequest request) {
    SignedIdentity signed = request.signed();
    IdentityVerification mode = deployment.identityVerification();
    if (signed == null) {
      if (mode == IdentityVerification.REQUIRED) {
        throw new ApiException(
            TwilioError.MISSING_PARAMETER,
            request.identity() == null ? "Identity" : "IdentityHash");
      }
      return anonymous(request, request.identity());
    }
    if (mode == IdentityVerification.OFF) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER,
          "IdentityHash is not accepted: identity verification is off for this deployment");
    }
    if (!signed.signedWith(deployment.identitySecret())) {
      if (mode == IdentityVerification.REQUIRED) {
        throw SignedIdentity.mismatch();
      }
      return anonymous(request, null);
    }
    String identity = WebchatDeploymentStore.VERIFIED_IDENTITY_PREFIX + signed.identity();
    String account = deployment.accountSid();
    if (store.agents().find(tx, account, identity).isPresent()
        || store.webchatDeployments().isGuest(tx, account, identity)) {
      throw new ApiException(
          TwilioError.FORBIDDEN, "Identity belongs to an agent or an unverified visitor");
    }
    return new Visitor(
        identity,
        true,
        false,
        signed.friendlyName() != null ? signed.friendlyName() : request.customerFriendlyName(),
        preEngagement(request.preEngagementData(), signed));
  }

  private static Visitor anonymous(GuestRequest request, String identity) {
    return new Visitor(
        identity,
        false,
        identity != null,
        request.customerFriendlyName(),
        request.preEngagementData());
  }

  /**
   * The visitor's pre-engagement data (a prefilled form's, or none when the form was skipped) with
   * the signed fields over it: {@code identity}, {@code friendlyName}, {@code email}, {@code
   * attributes} as signed, {@code verified: true}, and {@code signedFields}: the names of the keys
   * the signature covers. Signed values win over typed ones; a typed key the site did not sign (an
   * {@code email} typed into a prefilled form) stays, but out of {@code signedFields}, so the
   * console never presents it as verified.
   */
  private static String preEngagement(String typed, SignedIdentity signed) {
    JsonNode parsed = EngagementData.pre(typed);
    ObjectNode data = parsed.isObject() ? (ObjectNode) parsed : Json.MAPPER.createObjectNode();
    ArrayNode names = Json.MAPPER.createArrayNode();
    data.put("identity", signed.identity());
    names.add("identity");
    if (signed.friendlyName() != null) {
      data.put("friendlyName", signed.friendlyName());
      names.add("friendlyName");
    }
    if (signed.email() != null) {
      data.put("email", signed.email());
      names.add("email");
    }
    if (signed.attributes() != null) {
      data.set("attributes", EngagementData.signedAttributes(signed.attributes()));
      names.add("attributes");
    }
    data.put("verified", true);
    data.set("signedFields", names);
    try {
      String json = Json.MAPPER.writeValueAsString(data);
      if (json.length() > EngagementData.MAX_BYTES) {
        throw new ApiException(TwilioError.PRE_ENGAGEMENT_TOO_LARGE);
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
