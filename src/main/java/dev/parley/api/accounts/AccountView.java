package dev.parley.api.accounts;

import dev.parley.store.AccountRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire form of an account ({@code api.v2010.account}); URIs are relative, as Twilio's. */
public record AccountView(
    String authToken,
    String dateCreated,
    String dateUpdated,
    String friendlyName,
    String ownerAccountSid,
    String sid,
    String status,
    Map<String, String> subresourceUris,
    String type,
    String uri) {

  /**
   * The subresources the spec's examples list, in their order. Parley serves only {@code keys}; the
   * others are listed so that clients reading the map find every entry they expect.
   */
  private static final List<Map.Entry<String, String>> SUBRESOURCES =
      List.of(
          Map.entry("available_phone_numbers", "AvailablePhoneNumbers"),
          Map.entry("calls", "Calls"),
          Map.entry("conferences", "Conferences"),
          Map.entry("incoming_phone_numbers", "IncomingPhoneNumbers"),
          Map.entry("notifications", "Notifications"),
          Map.entry("outgoing_caller_ids", "OutgoingCallerIds"),
          Map.entry("recordings", "Recordings"),
          Map.entry("transcriptions", "Transcriptions"),
          Map.entry("addresses", "Addresses"),
          Map.entry("signing_keys", "SigningKeys"),
          Map.entry("connect_apps", "ConnectApps"),
          Map.entry("sip", "SIP"),
          Map.entry("authorized_connect_apps", "AuthorizedConnectApps"),
          Map.entry("usage", "Usage"),
          Map.entry("keys", "Keys"),
          Map.entry("applications", "Applications"),
          Map.entry("short_codes", "SMS/ShortCodes"),
          Map.entry("queues", "Queues"),
          Map.entry("messages", "Messages"),
          Map.entry("balance", "Balance"));

  /** {@code authToken} is the plain token: Twilio shows it to the account and to its owner. */
  static AccountView of(AccountRecord a, String authToken) {
    String path = "/2010-04-01/Accounts/" + a.sid();
    Map<String, String> subresources = new LinkedHashMap<>();
    SUBRESOURCES.forEach(e -> subresources.put(e.getKey(), path + "/" + e.getValue() + ".json"));
    return new AccountView(
        authToken,
        Rfc2822.format(a.dateCreated()),
        Rfc2822.format(a.dateUpdated()),
        a.friendlyName(),
        // Twilio: "The OwnerAccountSid of a parent account is it's own sid."
        a.ownerAccountSid() == null ? a.sid() : a.ownerAccountSid(),
        a.sid(),
        a.status(),
        subresources,
        // Parley has no trial accounts.
        "Full",
        path + ".json");
  }
}
