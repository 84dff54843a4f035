package dev.parley.media;

/**
 * Who asks for media: the account's credentials ({@code identity} null: anything of the account),
 * or an access token's identity in its service (only what its conversations hold).
 */
public record MediaCaller(String accountSid, String serviceSid, String identity) {
  public static MediaCaller account(String accountSid) {
    return new MediaCaller(accountSid, null, null);
  }

  public static MediaCaller token(String accountSid, String serviceSid, String identity) {
    return new MediaCaller(accountSid, serviceSid, identity);
  }

  boolean isAccount() {
    return identity == null;
  }
}
