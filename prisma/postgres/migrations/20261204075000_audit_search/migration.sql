-- The audit log filtered by organiser or by action, newest first, without reading the whole log.
CREATE INDEX "AuditLog_organiserId_at_idx" ON "AuditLog"("organiserId", "at");
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");
