-- Verified visitors (docs/verified-visitors.md): each Webchat deployment's identity-signing secret,
-- sealed under the master key like the deployment key (null for a deployment made before V19 until
-- its secret is rotated), whether Init checks a site's signed identity (off, optional, required),
-- and what the widget does with the pre-engagement form for a verified visitor (skip, prefill).
ALTER TABLE webchat_deployments ADD COLUMN identity_secret_sealed TEXT;
ALTER TABLE webchat_deployments ADD COLUMN identity_verification TEXT NOT NULL DEFAULT 'off';
ALTER TABLE webchat_deployments ADD COLUMN verified_pre_engagement TEXT NOT NULL DEFAULT 'skip';
