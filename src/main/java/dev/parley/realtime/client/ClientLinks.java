package dev.parley.realtime.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The absolute URLs Parley hands the SDK. They address tunnelled commands, so only their paths
 * matter; the tunnel refuses relative ones.
 */
final class ClientLinks {
  static final String PREFIX = "/Client/v2";
  private final UnaryOperator<String> absolute;

  ClientLinks(UnaryOperator<String> absolute) {
    this.absolute = absolute;
  }

  String service(String serviceSid) {
    return absolute.apply(PREFIX + "/Services/" + serviceSid);
  }

  String conversations(String serviceSid) {
    return service(serviceSid) + "/Conversations";
  }

  String conversation(String serviceSid, String conversationSid) {
    return conversations(serviceSid) + "/" + conversationSid;
  }

  String users(String serviceSid) {
    return service(serviceSid) + "/Users";
  }

  String user(String serviceSid, String identity) {
    return users(serviceSid) + "/" + encode(identity);
  }

  String myConversations(String serviceSid, String identity) {
    return user(serviceSid, identity) + "/Conversations";
  }

  String typing(String serviceSid) {
    return service(serviceSid) + "/Typing";
  }

  /** Plain HTTP, not tunnelled: the SDK uploads and downloads media itself. */
  String media(String serviceSid) {
    return absolute.apply("/v1/Services/" + serviceSid + "/Media");
  }

  String configuration() {
    return absolute.apply(PREFIX + "/Configuration");
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
