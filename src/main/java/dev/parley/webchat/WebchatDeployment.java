package dev.parley.webchat;

import java.time.Duration;
import java.time.Instant;

/**
 * A Webchat 3 deployment ({@code DP…}) as the API shows it: {@code key} is what the widget sends as
 * {@code DeploymentKey}; guests of it chat through address {@code addressSid} with tokens that live
 * {@code tokenTtl}; its widget looks as {@code appearance} says.
 */
public record WebchatDeployment(
    String sid,
    String accountSid,
    String friendlyName,
    String addressSid,
    String key,
    AllowedOrigins allowedOrigins,
    Duration tokenTtl,
    Appearance appearance,
    Instant dateCreated,
    Instant dateUpdated) {}
