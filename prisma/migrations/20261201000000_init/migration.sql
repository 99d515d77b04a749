-- CreateTable
CREATE TABLE "Round" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "questions" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Category" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Project" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "mergedIntoId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Project_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Project_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectAlias" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    CONSTRAINT "ProjectAlias_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundProject" (
    "roundId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("roundId", "projectId"),
    CONSTRAINT "RoundProject_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Team" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL DEFAULT '',
    "deliverables" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" INTEGER NOT NULL,
    "editTokenHash" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'web',
    "importKey" TEXT,
    "notOpenStackContributor" BOOLEAN NOT NULL DEFAULT false,
    "yearsContributing" INTEGER,
    "employerPaid" TEXT,
    "comment" TEXT,
    "projectCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Response_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResponseProject" (
    "responseId" TEXT NOT NULL,
    "projectId" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,
    "kindCode" BOOLEAN NOT NULL DEFAULT false,
    "kindReview" BOOLEAN NOT NULL DEFAULT false,
    "kindBugs" BOOLEAN NOT NULL DEFAULT false,
    "kindDocs" BOOLEAN NOT NULL DEFAULT false,
    "kindMaintainer" BOOLEAN NOT NULL DEFAULT false,
    "frequency" TEXT NOT NULL,

    PRIMARY KEY ("responseId", "projectId"),
    CONSTRAINT "ResponseProject_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResponseProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResponseTeam" (
    "responseId" TEXT NOT NULL,
    "teamId" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,

    PRIMARY KEY ("responseId", "teamId"),
    CONSTRAINT "ResponseTeam_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResponseTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OtherEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "responseId" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "rawText" TEXT NOT NULL,
    "normalizedText" TEXT NOT NULL,
    "projectId" INTEGER,
    CONSTRAINT "OtherEntry_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OtherEntry_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResponseTombstone" (
    "editTokenHash" TEXT NOT NULL PRIMARY KEY,
    "deletedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Organiser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organiserId" INTEGER,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "before" TEXT,
    "after" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    CONSTRAINT "AuditLog_organiserId_fkey" FOREIGN KEY ("organiserId") REFERENCES "Organiser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Dependency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "package" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "projectId" INTEGER,
    "license" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'active',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Dependency_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Round_slug_key" ON "Round"("slug");

-- CreateIndex
CREATE INDEX "Round_status_idx" ON "Round"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Project_normalizedName_key" ON "Project"("normalizedName");

-- CreateIndex
CREATE INDEX "Project_categoryId_idx" ON "Project"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectAlias_normalized_key" ON "ProjectAlias"("normalized");

-- CreateIndex
CREATE INDEX "ProjectAlias_projectId_idx" ON "ProjectAlias"("projectId");

-- CreateIndex
CREATE INDEX "RoundProject_projectId_idx" ON "RoundProject"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Response_editTokenHash_key" ON "Response"("editTokenHash");

-- CreateIndex
CREATE INDEX "Response_roundId_createdAt_idx" ON "Response"("roundId", "createdAt");

-- CreateIndex
CREATE INDEX "Response_roundId_employerPaid_idx" ON "Response"("roundId", "employerPaid");

-- CreateIndex
CREATE UNIQUE INDEX "Response_roundId_importKey_key" ON "Response"("roundId", "importKey");

-- CreateIndex
CREATE INDEX "ResponseProject_roundId_projectId_idx" ON "ResponseProject"("roundId", "projectId");

-- CreateIndex
CREATE INDEX "ResponseProject_projectId_idx" ON "ResponseProject"("projectId");

-- CreateIndex
CREATE INDEX "ResponseTeam_roundId_teamId_idx" ON "ResponseTeam"("roundId", "teamId");

-- CreateIndex
CREATE INDEX "OtherEntry_responseId_idx" ON "OtherEntry"("responseId");

-- CreateIndex
CREATE INDEX "OtherEntry_normalizedText_idx" ON "OtherEntry"("normalizedText");

-- CreateIndex
CREATE INDEX "OtherEntry_projectId_idx" ON "OtherEntry"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Organiser_email_key" ON "Organiser"("email");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "RateLimit_expiresAt_idx" ON "RateLimit"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Dependency_package_key" ON "Dependency"("package");

-- CreateIndex
CREATE UNIQUE INDEX "Dependency_normalized_key" ON "Dependency"("normalized");

-- CreateIndex
CREATE INDEX "Dependency_projectId_idx" ON "Dependency"("projectId");

