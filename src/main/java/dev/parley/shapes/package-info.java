/**
 * Each entity's wire shapes in one place (docs/architecture.md, "Wire shapes"): the REST resource,
 * the realtime {@code /Client/v2} answer, the Sync object or item the SDK reads, the post-action
 * webhook (event) fields and the pre-action webhook fields of a conversation ({@link
 * ConversationShapes}), a participant ({@link ParticipantShapes}), a message ({@link
 * MessageShapes}) and a user ({@link UserShapes}). A field is added in one file, and {@code
 * ShapesCoverageTest} fails until every shape carries it or lists it in the entity's {@code
 * LEFT_OUT}, with the reason.
 */
package dev.parley.shapes;
