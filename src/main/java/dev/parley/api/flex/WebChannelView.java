package dev.parley.api.flex;

import dev.parley.http.PublicUrl;
import dev.parley.store.WebChannelRecord;
import java.time.Instant;

/** The wire form of a legacy web channel ({@code flex.v1.web_channel}). */
record WebChannelView(
    String accountSid,
    String flexFlowSid,
    String sid,
    String url,
    Instant dateCreated,
    Instant dateUpdated) {

  static WebChannelView of(WebChannelRecord w, PublicUrl base) {
    return new WebChannelView(
        w.accountSid(),
        w.flexFlowSid(),
        w.sid(),
        base.of("/v1/WebChannels/" + w.sid()),
        w.dateCreated(),
        w.dateUpdated());
  }
}
