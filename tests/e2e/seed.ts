// Data the end-to-end tests start from: the catalogue and open first round (prepareDatabase), plus demo rounds.
import { createDb } from "../../lib/db/client";
import { fillDemoRounds } from "../../lib/db/demo";
import { createOrganiser } from "../../lib/db/admin-organisers";
import { saveResponse } from "../../lib/db/responses";
import { newEditToken } from "../../lib/survey/edit-token";

export async function seedE2eData(url: string): Promise<void> {
  const { db } = createDb(url);
  try {
    await fillDemoRounds(db, { count: 300, seed: 2026 });
    // Organisers for tests/e2e/admin.spec.ts.
    await createOrganiser(db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    await createOrganiser(db, { email: "analyst@example.org", password: "analyst horse battery", role: "analyst" });
    // Six answers in the open round naming a project the catalogue lacks, for the triage-to-dashboard test.
    for (let n = 0; n < 6; n++) {
      await saveResponse(db, {
        round: "openstack-2026",
        token: newEditToken(),
        teams: ["nova"],
        notOpenStackContributor: false,
        projects: [{ slug: "pip", kinds: ["code"], frequency: "occasionally" }],
        others: ["Zuul job library"],
        yearsContributing: n,
        employerPaid: "yes",
        comment: null,
      });
    }
  } finally {
    await db.$disconnect();
  }
}
