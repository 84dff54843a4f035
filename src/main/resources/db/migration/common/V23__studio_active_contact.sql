-- The REST trigger checks that a contact has no active execution of the flow before it starts one
-- (StudioStore.activeForContact, as Twilio allows one per contact). With only
-- studio_executions_flow that check read every execution the flow ever had, so a flow started
-- through the API slowed as its history grew; active executions are few, so the index stays small.
CREATE INDEX studio_executions_contact ON studio_executions(flow_sid, contact_channel_address)
  WHERE status = 'active';
