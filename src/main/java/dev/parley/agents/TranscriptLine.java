package dev.parley.agents;

import java.time.Instant;

/** One message of a transcript, with its author's display name (the identity when it has none). */
public record TranscriptLine(
    long index, String author, String authorName, String body, Instant dateCreated) {}
