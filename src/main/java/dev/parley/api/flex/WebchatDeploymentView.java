package dev.parley.api.flex;

import dev.parley.http.PublicUrl;
import dev.parley.webchat.WebchatDeployment;
import java.time.Instant;
import java.util.List;

/**
 * A deployment on the wire ({@code /parley/v1/WebchatDeployments}), snake_case like Twilio's.
 * {@code identity_secret} is shown once, in the answer that made it (the creation or a rotation),
 * and null in every other answer.
 */
record WebchatDeploymentView(
    String sid,
    String accountSid,
    String friendlyName,
    String addressSid,
    String deploymentKey,
    List<String> allowedOrigins,
    long tokenTtl,
    AppearanceView appearance,
    String identityVerification,
    String verifiedPreEngagement,
    String identitySecret,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static WebchatDeploymentView of(WebchatDeployment d, PublicUrl base) {
    return of(d, base, false);
  }

  /** With its identity secret: the answer to the creation or a rotation. */
  static WebchatDeploymentView withSecret(WebchatDeployment d, PublicUrl base) {
    return of(d, base, true);
  }

  private static WebchatDeploymentView of(WebchatDeployment d, PublicUrl base, boolean secret) {
    return new WebchatDeploymentView(
        d.sid(),
        d.accountSid(),
        d.friendlyName(),
        d.addressSid(),
        d.key(),
        d.allowedOrigins().origins(),
        d.tokenTtl().toSeconds(),
        AppearanceView.of(d.appearance()),
        d.identityVerification().wire(),
        d.verifiedPreEngagement().wire(),
        secret ? d.identitySecret() : null,
        d.dateCreated(),
        d.dateUpdated(),
        base.of(WebchatDeploymentsApi.PATH + "/" + d.sid()));
  }
}
