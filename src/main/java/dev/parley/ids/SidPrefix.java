package dev.parley.ids;

/** Twilio SID prefixes: two letters, then 32 hex digits (34 characters in all). */
public enum SidPrefix {
  ACCOUNT("AC"),
  API_KEY("SK"),
  SERVICE("IS"),
  CONVERSATION("CH"),
  PARTICIPANT("MB"),
  MESSAGE("IM"),
  RECEIPT("DY"),
  WEBHOOK("WH"),
  USER("US"),
  ROLE("RL"),
  ADDRESS("IG"),
  MESSAGING_SERVICE("MG"),
  STUDIO_FLOW("FW"),
  STUDIO_EXECUTION("FN"),
  STUDIO_STEP("FT"),
  FLEX_FLOW("FO"),
  MEDIA("ME"),
  CONTENT("HX"),
  /** Parley's own: one event on its way to one webhook target. */
  WEBHOOK_DELIVERY("WD"),
  /** Parley's own: a Webchat 3 deployment (its public key, allowed origins, token lifetime). */
  WEBCHAT_DEPLOYMENT("DP"),
  /** Parley's own: a console agent, lettered like the Flex worker it stands for. */
  AGENT("WK"),
  /** Parley's own: a canned response, a saved reply of an account's agents ("quick reply"). */
  CANNED_RESPONSE("QR"),
  /** A Sync document, list and map: the realtime SDK's view of conversations and users. */
  SYNC_DOCUMENT("ET"),
  SYNC_LIST("ES"),
  SYNC_MAP("MP");

  private final String letters;

  SidPrefix(String letters) {
    this.letters = letters;
  }

  public String letters() {
    return letters;
  }

  /**
   * Refuses a value that is not of this kind (typed SIDs): a programming error, as each comes from
   * the store or from input already checked, never a client's mistake.
   */
  void require(String value) {
    if (value == null || !value.startsWith(letters)) {
      throw new IllegalArgumentException("not a " + name() + " SID: " + value);
    }
  }

  /**
   * Refuses a value that is not a well-formed SID of this kind (the conversation, participant,
   * message and user SIDs, which Parley always makes itself): a programming error, as each comes
   * from the store or from a path already looked at ({@code ConversationRef.of}).
   */
  void requireWellFormed(String value) {
    if (!matches(value)) {
      throw new IllegalArgumentException("not a " + name() + " SID: " + value);
    }
  }

  /** True when {@code value} is a well-formed SID of this kind. */
  public boolean matches(String value) {
    if (value == null || value.length() != 34 || !value.startsWith(letters)) {
      return false;
    }
    for (int i = 2; i < 34; i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
