package dev.parley.studio;

import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioRevisionRecord;

/** A flow with its latest revision, as the Flow resource shows them together. */
public record Flow(StudioFlowRecord flow, StudioRevisionRecord latest) {}
