package dev.parley.api.parley;

import dev.parley.agents.Agent;
import dev.parley.http.PublicUrl;
import java.time.Instant;

/** An agent on the wire ({@code /parley/v1/Agents}): never its password or hash. */
record AgentView(
    String sid,
    String accountSid,
    String identity,
    String friendlyName,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static AgentView of(Agent a, PublicUrl base) {
    return new AgentView(
        a.sid(),
        a.accountSid(),
        a.identity(),
        a.friendlyName(),
        a.dateCreated(),
        a.dateUpdated(),
        base.of(AgentsApi.PATH + "/" + a.sid()));
  }
}
