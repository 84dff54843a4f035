-- Which node sends a lane's deliveries (a lane: one target and one conversation, sent in order).
-- A node claims a lane before it sends any of its deliveries and renews the lease while it works
-- on it; once lease_until (epoch ms) has passed, any node may take the lane over and resend from
-- its oldest pending delivery. A row exists only while some node holds, or last held, the lane.
CREATE TABLE webhook_lanes (
  lane        TEXT PRIMARY KEY,
  leased_by   TEXT NOT NULL,
  lease_until BIGINT NOT NULL
);
-- Takeover: the expired leases, oldest first. Renewal and release: one node's leases.
CREATE INDEX webhook_lanes_expiry ON webhook_lanes(lease_until);
CREATE INDEX webhook_lanes_holder ON webhook_lanes(leased_by);
