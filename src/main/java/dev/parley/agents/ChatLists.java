package dev.parley.agents;

import java.util.List;

/** The console's three lists, read in one snapshot. */
public record ChatLists(
    List<ChatSummary> waiting, List<ChatSummary> mine, List<ChatSummary> closed) {}
