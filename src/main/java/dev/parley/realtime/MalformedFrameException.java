package dev.parley.realtime;

/**
 * Bytes that are not a Twilsock frame. The only failure {@link TwilsockFrame#parse} reports: the
 * message says what is wrong, and never quotes the bytes (they may hold a token).
 */
public final class MalformedFrameException extends Exception {
  public MalformedFrameException(String why) {
    super(why, null, false, false);
  }
}
