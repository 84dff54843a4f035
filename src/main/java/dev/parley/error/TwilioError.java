package dev.parley.error;

/**
 * The Twilio error codes Parley answers with. Messages are {@link String#format} templates; the
 * code and HTTP status follow Twilio's error dictionary (https://www.twilio.com/docs/api/errors).
 */
public enum TwilioError {
  INVALID_PARAMETER(20001, 400, "Invalid parameter %s: %s"),
  MISSING_PARAMETER(20001, 400, "Missing required parameter %s in the post body"),
  AUTHENTICATE(20003, 401, "Authenticate"),
  API_KEY_NOT_ALLOWED(
      20003,
      401,
      "Authenticate: API keys cannot use the Accounts or Keys resources; use the Account SID and"
          + " auth token"),
  FORBIDDEN(20403, 403, "Forbidden: %s"),
  REJECTED_BY_WEBHOOK(
      20403, 403, "The %s pre-action webhook rejected the change (it answered HTTP %d)"),
  // Twilio's REST APIs answer an unknown resource in the path, or one under an unknown parent, with
  // 20404 naming the request path (e.g. /Conversations/CH…), whatever the resource: so does Parley
  // (ApiException.notFound()). The dictionary's 50350, 50432, 50200… are not what a fetch sends.
  NOT_FOUND(20404, 404, "The requested resource %s was not found"),
  METHOD_NOT_ALLOWED(20004, 405, "Method %s not allowed on %s"),
  REQUEST_TOO_LARGE(20413, 413, "Request body is larger than %d bytes"),
  URI_TOO_LONG(20414, 414, "Request line is longer than %d bytes"),
  HEADERS_TOO_LARGE(20431, 431, "Request headers are larger than %d bytes"),
  MALFORMED_REQUEST(20001, 400, "Bad request: %s"),
  UNSUPPORTED_MEDIA_TYPE(
      20415, 415, "Content-Type must be application/x-www-form-urlencoded, got %s"),
  // 20409 is Twilio's platform "Conflict" (the resource's state forbids the change); 50300, used
  // here before, is Programmable Chat's "Channel not found".
  CONFLICT(20409, 409, "%s"),
  UNIQUE_NAME_TAKEN(50353, 409, "Conversation with provided unique name already exists"),
  CONVERSATION_CLOSED(50377, 400, "Can't update conversation as it's in final closed state"),
  TIMER_WITHOUT_STATE(50382, 400, "Timer can't be set without state"),
  TIMER_TOO_SHORT(50383, 400, "Timers.%s must be at least %s"),
  BINDING_EXISTS(
      50416,
      409,
      "A binding for this participant and proxy address already exists in Conversation %s"),
  PARTICIPANTS_FAILED(50427, 400, "Errors during multiple participants creation: %s"),
  // What Twilio answers getConversationBySid/peekConversationBySid for a conversation the token's
  // identity is not in (Twilio support: "Troubleshoot 403 Forbidden Errors on
  // getConversationBySid").
  NOT_A_PARTICIPANT(50430, 403, "Participant is not a member of conversation %s"),
  PARTICIPANT_EXISTS(50433, 409, "Participant already exists"),
  USER_EXISTS(50201, 409, "User with identity %s already exists"),
  // Twilio documents 50361 "Too many conversation webhooks" for the sixth (Parley said 50513).
  TOO_MANY_WEBHOOKS(50361, 400, "A conversation can have at most %d webhooks"),
  ADDRESS_EXISTS(50417, 409, "Address configuration for %s already exists"),
  ROLE_IS_DEFAULT(
      20409,
      409,
      "Role %s is a default role of service %s; choose another default on its Configuration"
          + " before deleting it"),
  DEFAULT_SERVICE_UNDELETABLE(
      20409,
      409,
      "Service %s is the account's default Conversation Service; set another"
          + " DefaultChatServiceSid on /v1/Configuration before deleting it"),
  SERVICE_IN_USE(
      20409,
      409,
      "Service %s is the auto-creation service of address configuration %s; change or delete"
          + " that first"),
  WEBCHAT_NOT_FOUND(45744, 404, "%s"),
  WEBCHAT_INVALID_PARAMETER(45745, 400, "%s"),
  PRE_ENGAGEMENT_TOO_LARGE(45731, 400, "Pre-engagement data is too large, maximum is 16KB"),
  AUTO_CREATION_MISSING(45760, 400, "Address configuration %s has no auto-creation data"),
  AUTO_CREATION_DISABLED(45761, 400, "Auto-creation is not enabled on address configuration %s"),
  AUTO_CREATION_TYPE_INVALID(
      45762, 400, "Auto-creation type of address configuration %s is empty or invalid"),
  AUTO_CREATION_WEBHOOK_URL_MISSING(
      45764, 400, "Auto-creation type is webhook but address configuration %s has no webhook URL"),
  ADDRESS_NOT_FOUND(45765, 404, "No address configuration found for %s"),
  // Access tokens (https://www.twilio.com/docs/api/errors/20101 and neighbours): one constant per
  // reason so each rejection says what was wrong, several sharing Twilio's code.
  TOKEN_MALFORMED(20101, 401, "Invalid Access Token: %s"),
  TOKEN_HEADER_INVALID(20102, 401, "Invalid Access Token header: %s"),
  TOKEN_ISSUER_INVALID(20103, 401, "Invalid Access Token issuer/subject: %s"),
  TOKEN_ISSUER_UNKNOWN(
      20103, 401, "Invalid Access Token issuer/subject: API key %s does not exist or was deleted"),
  TOKEN_SUBJECT_MISMATCH(
      20103, 401, "Invalid Access Token issuer/subject: API key %s does not belong to account %s"),
  TOKEN_NOT_GUEST(
      20103,
      401,
      "Invalid Access Token issuer/subject: only guest tokens of this deployment are accepted here"),
  TOKEN_EXPIRED(20104, 401, "Access Token expired or expiration date invalid: expired at %s"),
  TOKEN_LIFETIME_TOO_LONG(
      20104,
      401,
      "Access Token expired or expiration date invalid: lifetime exceeds the maximum of 24 hours"),
  TOKEN_NOT_YET_VALID(20105, 401, "Access Token not yet valid: valid from %s"),
  TOKEN_GRANTS_INVALID(20106, 401, "Invalid Access Token grants: %s"),
  TOKEN_SIGNATURE_INVALID(20107, 401, "Invalid Access Token signature"),
  DEPLOYMENT_KEY_INVALID(20003, 401, "Authenticate: DeploymentKey is not a valid deployment key"),
  ORIGIN_NOT_ALLOWED(20403, 403, "Forbidden: origin %s is not allowed for this deployment key"),
  LOGIN_FAILED(20003, 401, "Authenticate: the identity or the password is wrong"),
  CONSOLE_SESSION_MISSING(20003, 401, "Authenticate: no console session, or it has expired"),
  CSRF_REJECTED(20403, 403, "Forbidden: %s"),
  // An agent named in a body parameter (a transfer's To); an unknown path SID is notFound().
  CANNED_RESPONSE_NOT_FOUND(
      20404, 404, "The requested resource /parley/v1/CannedResponses/%s was not found"),
  CANNED_RESPONSE_EXISTS(20409, 409, "A canned response with short code %s already exists"),
  AGENT_NOT_FOUND(20404, 404, "The requested resource /parley/v1/Agents/%s was not found"),
  AGENT_EXISTS(50201, 409, "Agent with identity %s already exists"),
  CHAT_TAKEN(20409, 409, "Conversation %s already has an agent"),
  NOT_IN_CHAT(20403, 403, "Forbidden: the agent does not take part in conversation %s"),
  TOO_MANY_REQUESTS(20429, 429, "Too many requests: retry after %d seconds"),
  SYNC_OBJECT_NOT_FOUND(54100, 404, "Sync object %s not found"),
  SYNC_FORBIDDEN(54007, 403, "Access forbidden for identity %s"),
  SYNC_REQUEST_INVALID(54008, 400, "Invalid request: %s"),
  // Twilio's "Message media size is too large" (https://www.twilio.com/docs/api/errors/50512),
  // answered 413 to an upload over the per-file limit.
  MEDIA_TOO_LARGE(50512, 413, "Media size is too large: a file may be at most %d bytes"),
  // Twilio's platform "Unsupported Media Type", for an upload of a type the limits do not accept.
  MEDIA_TYPE_NOT_ACCEPTED(20415, 415, "Media of type %s is not accepted; accepted types: %s"),
  // Studio (docs/studio.md). 81022 is Twilio's "Flow definition validation failed"
  // (https://www.twilio.com/docs/api/errors/81022); Twilio adds a details object listing every
  // failure, which Parley's error shape has no room for: the message names the first one.
  FLOW_INVALID(81022, 400, "Flow definition validation failed: %s"),
  FLOW_NOT_PUBLISHED(
      20409, 409, "Flow %s has no published revision: publish it before starting executions"),
  EXECUTION_ACTIVE(20409, 409, "Flow %s already has an active execution for contact %s"),
  NOT_IMPLEMENTED(20501, 501, "%s is not served by this server yet"),
  INTERNAL(20500, 500, "Internal server error (request %s)");

  private final int code;
  private final int status;
  private final String template;

  TwilioError(int code, int status, String template) {
    this.code = code;
    this.status = status;
    this.template = template;
  }

  public int code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String message(Object... args) {
    return args.length == 0 ? template : String.format(template, args);
  }

  public String moreInfo() {
    return "https://www.twilio.com/docs/errors/" + code;
  }
}
