import type { Metadata } from "next";
import { connection } from "next/server";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { TableScroll } from "@/components/admin/table-scroll";
import { requireOrganiser } from "@/lib/auth/guard";
import { listRoundsWithCounts } from "@/lib/db/admin-rounds";
import { getDatabase } from "@/lib/db/client";
import { settleRoundScheduleSoon } from "@/lib/db/round-schedule";
import { formatUtc } from "@/lib/survey/round-schedule";
import { closeRoundAction, createRoundAction, openRoundAction, setRoundPublishingAction } from "../actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Rounds" };

export default async function RoundsPage() {
  await connection();
  await requireOrganiser("admin", "rounds");
  await settleRoundScheduleSoon(getDatabase().db);
  const rounds = await listRoundsWithCounts(getDatabase().db);
  return (
    <section>
      <h1>Survey rounds</h1>
      <p className="muted">
        One round is open at a time: close the open round before opening another. Closing stops new answers and edits at
        once. A round can also open and close by itself at set times: open its page to schedule it, and to find its
        survey link and QR code. A round&apos;s figures appear on the results once it has closed, unless you choose to
        publish them while it is open: then anyone can watch figures change as answers arrive, which helps someone
        work out a small group by answering or editing answers themselves (docs/privacy.md).
      </p>
      <TableScroll label="Rounds (scrolls sideways)">
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Round</th>
              <th>Status</th>
              <th>Schedule (UTC)</th>
              <th>Responses</th>
              <th>Projects offered</th>
              <th>Figures while open</th>
              <th>Action</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((round) => (
              <tr key={round.id} data-round={round.slug}>
                <td>
                  <Link href={`/admin/rounds/${round.slug}`}>{round.title}</Link>{" "}
                  <span className="muted">({round.slug}{round.isDemo ? ", demo" : ""})</span>
                </td>
                <td>
                  <span className={styles.status}>{round.phase}</span>
                </td>
                <td>
                  {round.opensAt ? `opens ${formatUtc(round.opensAt)}` : null}
                  {round.opensAt && round.closesAt ? <br /> : null}
                  {round.closesAt ? `closes ${formatUtc(round.closesAt)}` : null}
                </td>
                <td>{round.responseCount}</td>
                <td>{round.projectCount}</td>
                <td data-publish-while-open={round.publishWhileOpen ? "yes" : "no"}>
                  {round.publishWhileOpen ? "published" : "after closing"}
                  <ActionForm
                    action={setRoundPublishingAction}
                    submitLabel={round.publishWhileOpen ? "Publish only after closing" : "Publish while open"}
                    label={`Figures of ${round.title} while open`}
                  >
                    <input type="hidden" name="roundId" value={round.id} />
                    <input type="hidden" name="publishWhileOpen" value={round.publishWhileOpen ? "no" : "yes"} />
                  </ActionForm>
                </td>
                <td>
                  <ActionForm
                    action={round.phase === "open" ? closeRoundAction : openRoundAction}
                    submitLabel={round.phase === "open" ? "Close" : round.phase === "closed" ? "Reopen" : "Open now"}
                    label={`${round.phase === "open" ? "Close" : "Open"} ${round.title}`}
                    isDangerous={round.phase === "open"}
                  >
                    <input type="hidden" name="roundId" value={round.id} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>New round</h2>
      <p className="muted">A new round starts as a draft with the questions and project list of the latest round.</p>
      <ActionForm action={createRoundAction} submitLabel="Create round" label="Create round">
        <label>
          Id <input name="slug" required placeholder="openstack-2027" pattern="[a-z0-9][a-z0-9-]*" />
        </label>
        <label>
          Title <input name="title" required placeholder="OpenStack upstream contributions 2027" />
        </label>
      </ActionForm>
    </section>
  );
}
