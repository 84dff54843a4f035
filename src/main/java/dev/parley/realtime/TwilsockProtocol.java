package dev.parley.realtime;

/**
 * The Twilsock wire constants, one per line, as {@code @twilio/conversations} 3.x (twilsock 1.0.x)
 * reads and writes them. Source: docs/realtime-protocol.md §2.
 */
public final class TwilsockProtocol {
  private TwilsockProtocol() {}

  /** The SDK's default socket path ({@code wss://tsock.{region}.twilio.com/v3/wsconnect}). */
  public static final String PATH = "/v3/wsconnect";

  // Frame layout: MAGIC SP <header byte count> CRLF <header JSON> CRLF <payload>.
  public static final String MAGIC = "TWILSOCK V3.0";
  public static final String CRLF = "\r\n";
  public static final int MAX_HEADER_BYTES = 64 * 1024;
  public static final int MAX_FRAME_BYTES = 1024 * 1024;

  // Header fields.
  public static final String METHOD = "method";
  public static final String ID = "id";
  public static final String PAYLOAD_SIZE = "payload_size";
  public static final String PAYLOAD_TYPE = "payload_type";
  public static final String STATUS = "status";
  public static final String TOKEN = "token";
  public static final String CONTINUATION_TOKEN = "continuation_token";
  public static final String CAPABILITIES = "capabilities";
  public static final String HTTP_REQUEST = "http_request";
  public static final String HTTP_STATUS = "http_status";
  public static final String HTTP_HEADERS = "http_headers";
  public static final String MESSAGE_TYPE = "message_type";
  public static final String CLIENT_UPDATE_TYPE = "client_update_type";

  // Methods (header.method).
  public static final String INIT = "init";
  public static final String UPDATE = "update";
  public static final String MESSAGE = "message";
  public static final String REPLY = "reply";
  public static final String CLOSE = "close";
  public static final String NOTIFICATION = "notification";
  public static final String CLIENT_UPDATE = "client_update";
  public static final String PING = "ping";

  // client_update types.
  public static final String TOKEN_ABOUT_TO_EXPIRE = "token_about_to_expire";

  // Notification message types the SDK registers in init.
  public static final String SYNC_EVENT = "twilio.sync.event";
  public static final String CDS_DOCUMENT = "com.twilio.rtd.cds.document";
  public static final String CDS_LIST = "com.twilio.rtd.cds.list";
  public static final String CDS_MAP = "com.twilio.rtd.cds.map";
  public static final String TYPING_INDICATOR = "twilio.ipmsg.typing_indicator";

  // Payload types.
  public static final String JSON = "application/json";

  // Status codes (reply.status.code, close.status.code) and what the SDK does with each.
  public static final int OK = 200;
  public static final int BAD_REQUEST = 400; // malformed frame, init first: close, then reconnect
  public static final int RECONNECT = 308; // close: reconnect after the back-off (and catch up)
  public static final int UNAUTHORIZED = 401; // init/update: "denied"; close: no reconnect
  public static final int FORBIDDEN = 403; // init/update: "denied", terminal (suspended account)
  public static final int FATAL = 406; // close: connection error, no reconnect
  public static final int INIT_TIMEOUT = 408; // close: no init in time; the SDK reconnects
  public static final int TOKEN_EXPIRED = 410; // close: tokenExpired, no reconnect
  public static final int TOO_MANY_REQUESTS = 429; // init: retry with backoff_policy
  public static final int INTERNAL_ERROR = 500; // init: drop the socket and retry

  /** The Twilio error code the SDK turns into {@code tokenExpired}. */
  public static final int TOKEN_EXPIRED_ERROR_CODE = 20104;
}
