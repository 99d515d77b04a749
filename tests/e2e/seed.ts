// Data the end-to-end tests start from: the catalogue and open first round (prepareDatabase), plus demo rounds.
import { createDb } from "../../lib/db/client";
import { fillDemoRounds } from "../../lib/db/demo";
import { createOrganiser } from "../../lib/db/admin-organisers";
import { saveResponse } from "../../lib/db/submissions";
import { newEditToken } from "../../lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "../../lib/survey/questions";

/** The edit link of one answer in the closed 2025 round: tests/e2e/survey.spec.ts starts the open round from it. */
export const PREVIOUS_ROUND_TOKEN = "previousRoundAnswer001";

export async function seedE2eData(url: string): Promise<void> {
  const { db } = createDb(url);
  try {
    await fillDemoRounds(db, { count: 300, seed: 2026 });
    // Organisers for tests/e2e/admin.spec.ts.
    await createOrganiser(db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    await createOrganiser(db, { email: "analyst@example.org", password: "analyst horse battery", role: "analyst" });
    // A closed earlier round with six answers naming a project the catalogue lacks (the triage-to-dashboard test).
    const earlier = await db.round.create({
      data: { slug: "openstack-2025", title: "OpenStack upstream contributions 2025", status: "open", opensAt: new Date("2025-03-01T00:00:00Z"), questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    const projects = await db.project.findMany({ orderBy: { position: "asc" } });
    await db.roundProject.createMany({ data: projects.map((p, position) => ({ roundId: earlier.id, projectId: p.id, position })) });
    for (let n = 0; n < 6; n++) {
      await saveResponse(db, {
        round: "openstack-2025",
        token: n === 0 ? PREVIOUS_ROUND_TOKEN : newEditToken(),
        teams: ["nova"],
        notOpenStackContributor: false,
        nothingOutsideOpenStack: false,
        projects: [{ slug: "pip", kinds: ["code"], frequency: "occasionally" }],
        others: ["Zuul job library"],
        yearsContributing: n,
        employerPaid: "yes",
        comment: null,
      });
    }
    await db.round.update({ where: { id: earlier.id }, data: { status: "closed", closesAt: new Date("2025-04-01T00:00:00Z") } });
  } finally {
    await db.$disconnect();
  }
}
