package dev.parley.store;

import java.time.Instant;

/**
 * An address configuration ({@code IG…}). {@code type} is kept as the caller spelled it (Twilio
 * echoes {@code whAtsAPP}); {@code webhookFilters} is a JSON array. The {@code autoCreation…},
 * {@code webhook…} and {@code studio…} columns are the {@code AutoCreation.*} parameters.
 */
public record AddressRecord(
    String sid,
    String accountSid,
    String type,
    String address,
    String friendlyName,
    String addressCountry,
    boolean autoCreationEnabled,
    String autoCreationType,
    String autoCreationServiceSid,
    String webhookUrl,
    String webhookMethod,
    String webhookFilters,
    String studioFlowSid,
    Integer studioRetryCount,
    Instant dateCreated,
    Instant dateUpdated) {}
