package dev.parley.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One message of a transcript, with its author's display name (the identity when it has none) and
 * its media ({@code [{sid, content_type, filename, size, category}]}, empty when it has none).
 */
public record TranscriptLine(
    long index,
    String author,
    String authorName,
    String body,
    JsonNode media,
    Instant dateCreated) {}
