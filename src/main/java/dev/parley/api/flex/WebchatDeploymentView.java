package dev.parley.api.flex;

import dev.parley.http.PublicUrl;
import dev.parley.webchat.WebchatDeployment;
import java.time.Instant;
import java.util.List;

/** A deployment on the wire ({@code /parley/v1/WebchatDeployments}), snake_case like Twilio's. */
record WebchatDeploymentView(
    String sid,
    String accountSid,
    String friendlyName,
    String addressSid,
    String deploymentKey,
    List<String> allowedOrigins,
    long tokenTtl,
    AppearanceView appearance,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static WebchatDeploymentView of(WebchatDeployment d, PublicUrl base) {
    return new WebchatDeploymentView(
        d.sid(),
        d.accountSid(),
        d.friendlyName(),
        d.addressSid(),
        d.key(),
        d.allowedOrigins().origins(),
        d.tokenTtl().toSeconds(),
        AppearanceView.of(d.appearance()),
        d.dateCreated(),
        d.dateUpdated(),
        base.of(WebchatDeploymentsApi.PATH + "/" + d.sid()));
  }
}
