-- A Webchat 3 deployment's look in the visitor widget (docs/widget.md, "Branding"): a JSON object
-- of colour, title, greeting, logo URL, launcher position, availability line, pre-engagement
-- fields with their labels and sound; '{}' for a deployment that sets none.
ALTER TABLE webchat_deployments ADD COLUMN appearance TEXT NOT NULL DEFAULT '{}';
