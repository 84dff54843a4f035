package dev.parley.store;

import java.util.Optional;

/** Flex Flows of an account. */
public interface FlexFlowStore {
  void insert(Tx tx, FlexFlowRecord flow);

  Optional<FlexFlowRecord> find(Tx tx, String accountSid, String sid);

  boolean nameTaken(Tx tx, String accountSid, String friendlyName);

  /** The account's flows in creation order, only those named {@code friendlyName} when non-null. */
  Slice<FlexFlowRecord> page(Tx tx, String accountSid, String friendlyName, PageRequest page);

  void update(Tx tx, FlexFlowRecord flow);

  void delete(Tx tx, String sid);
}
