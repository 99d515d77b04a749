-- Undo from the audit log (lib/db/admin-undo.ts): the ids an undo needs, when it was undone, and the answers a
-- merge combined as they were before it.
ALTER TABLE "AuditLog" ADD COLUMN "reversal" TEXT;
ALTER TABLE "AuditLog" ADD COLUMN "undoneAt" DATETIME;

CREATE TABLE "MergedSelection" (
    "auditLogId" INTEGER NOT NULL,
    "responseId" TEXT NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kindCode" BOOLEAN NOT NULL DEFAULT false,
    "kindReview" BOOLEAN NOT NULL DEFAULT false,
    "kindBugs" BOOLEAN NOT NULL DEFAULT false,
    "kindDocs" BOOLEAN NOT NULL DEFAULT false,
    "kindMaintainer" BOOLEAN NOT NULL DEFAULT false,
    "frequency" TEXT NOT NULL,

    PRIMARY KEY ("auditLogId", "responseId", "projectId"),
    CONSTRAINT "MergedSelection_auditLogId_fkey" FOREIGN KEY ("auditLogId") REFERENCES "AuditLog" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MergedSelection_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "MergedSelection_responseId_idx" ON "MergedSelection"("responseId");
