package dev.parley.shapes;

/** The wire shapes an entity is rendered in; docs/architecture.md, "Wire shapes". */
public enum Shape {
  /** The Conversations v1 REST resource (Twilio's OpenAPI schema). */
  REST,
  /** The answer of the SDK's tunnelled {@code /Client/v2} commands (snake_case, like REST). */
  CLIENT,
  /** The data of the Sync object or item the SDK reads (camelCase). */
  SYNC,
  /** The post-action webhook's form fields, which the outbox stores ({@code on…Updated}). */
  EVENT,
  /** The pre-action webhook's form fields ({@code on…Update}). */
  PRE_ACTION
}
