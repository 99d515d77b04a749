-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Round" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "questions" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "mergedIntoId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectAlias" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,

    CONSTRAINT "ProjectAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundProject" (
    "roundId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoundProject_pkey" PRIMARY KEY ("roundId","projectId")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL DEFAULT '',
    "deliverables" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "editTokenHash" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'web',
    "importKey" TEXT,
    "notOpenStackContributor" BOOLEAN NOT NULL DEFAULT false,
    "yearsContributing" INTEGER,
    "employerPaid" TEXT,
    "comment" TEXT,
    "projectCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "ResponseProject_pkey" PRIMARY KEY ("responseId","projectId")
);

-- CreateTable
CREATE TABLE "ResponseTeam" (
    "responseId" TEXT NOT NULL,
    "teamId" INTEGER NOT NULL,
    "roundId" INTEGER NOT NULL,

    CONSTRAINT "ResponseTeam_pkey" PRIMARY KEY ("responseId","teamId")
);

-- CreateTable
CREATE TABLE "OtherEntry" (
    "id" SERIAL NOT NULL,
    "responseId" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "rawText" TEXT NOT NULL,
    "normalizedText" TEXT NOT NULL,
    "projectId" INTEGER,

    CONSTRAINT "OtherEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseTombstone" (
    "editTokenHash" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedBy" TEXT NOT NULL,

    CONSTRAINT "ResponseTombstone_pkey" PRIMARY KEY ("editTokenHash")
);

-- CreateTable
CREATE TABLE "Organiser" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organiser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organiserId" INTEGER,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "before" TEXT,
    "after" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Dependency" (
    "id" SERIAL NOT NULL,
    "package" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "projectId" INTEGER,
    "license" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'active',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dependency_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectAlias" ADD CONSTRAINT "ProjectAlias_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundProject" ADD CONSTRAINT "RoundProject_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundProject" ADD CONSTRAINT "RoundProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseProject" ADD CONSTRAINT "ResponseProject_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseProject" ADD CONSTRAINT "ResponseProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseTeam" ADD CONSTRAINT "ResponseTeam_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseTeam" ADD CONSTRAINT "ResponseTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OtherEntry" ADD CONSTRAINT "OtherEntry_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OtherEntry" ADD CONSTRAINT "OtherEntry_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_organiserId_fkey" FOREIGN KEY ("organiserId") REFERENCES "Organiser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

