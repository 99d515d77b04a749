import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { requireOrganiser } from "@/lib/auth/guard";
import { countAnswersPerDay, getRoundForOrganiser } from "@/lib/db/admin-round-page";
import { getDatabase } from "@/lib/db/client";
import { formatUtc, toUtcInput } from "@/lib/survey/round-schedule";
import { requestOrigin, surveyLink, toQrSvg } from "@/lib/survey/survey-link";
import { setRoundScheduleAction } from "../../actions";
import styles from "../../../admin.module.css";

export const metadata: Metadata = { title: "Round" };

const PHASE_LABEL = { draft: "draft", scheduled: "scheduled", open: "open", closed: "closed" } as const;

export default async function RoundPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  await requireOrganiser("admin", "rounds");
  const handle = getDatabase();
  const round = await getRoundForOrganiser(handle.db, (await params).slug);
  if (!round) notFound();
  const isOpen = round.phase === "open";
  const link = surveyLink(requestOrigin(await headers()), round.slug);
  const [qrSvg, perDay] = await Promise.all([toQrSvg(link), countAnswersPerDay(handle, round.id)]);
  const total = perDay.reduce((sum, row) => sum + row.answers, 0);
  return (
    <section>
      <p>
        <Link href="/admin/rounds">All rounds</Link>
      </p>
      <h1>{round.title}</h1>
      <p>
        Status: <span className={styles.status}>{PHASE_LABEL[round.phase]}</span>{" "}
        <span className="muted">
          ({round.slug}
          {round.isDemo ? ", demo" : ""})
        </span>
      </p>
      <h2>Schedule</h2>
      <p>
        Opens: {round.opensAt ? <time dateTime={round.opensAt.toISOString()}>{formatUtc(round.opensAt)}</time> : "by hand"}. Closes:{" "}
        {round.closesAt ? <time dateTime={round.closesAt.toISOString()}>{formatUtc(round.closesAt)}</time> : "by hand"}.
      </p>
      {round.phase === "closed" ? (
        <p className="muted">A closed round has no schedule; reopen it from the rounds page first.</p>
      ) : (
        <>
          <p className="muted" id="schedule-help">
            Times are in UTC. The round opens and closes at these times by itself; leave a time empty to open or close
            by hand. {isOpen ? "The round is open, so only its closing time can change." : null}
          </p>
          <ActionForm action={setRoundScheduleAction} submitLabel="Save schedule" label={`Schedule of ${round.title}`}>
            <input type="hidden" name="roundId" value={round.id} />
            <label>
              Opens at (UTC){" "}
              <input
                type="datetime-local"
                name="opensAt"
                defaultValue={toUtcInput(round.opensAt)}
                disabled={isOpen}
                aria-describedby="schedule-help"
              />
            </label>
            <label>
              Closes at (UTC){" "}
              <input type="datetime-local" name="closesAt" defaultValue={toUtcInput(round.closesAt)} aria-describedby="schedule-help" />
            </label>
          </ActionForm>
        </>
      )}
      <h2>Survey link</h2>
      <p>
        <a href={link}>{link}</a>
      </p>
      {round.phase === "draft" ? <p className="muted">The link works once the round opens.</p> : null}
      <div
        className={styles.qr}
        role="img"
        aria-label={`QR code of the survey link ${link}`}
        // The SVG markup comes from the qrcode library on the server, drawn from the link above; no user input.
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <h2>Answers per day so far</h2>
      {perDay.length === 0 ? (
        <p>No answers yet.</p>
      ) : (
        <table className={styles.table}>
          <caption className="muted">Exact counts, for organisers only: {total} answers in all. Days in UTC.</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {perDay.map((row) => (
              <tr key={row.day}>
                <td>{row.day}</td>
                <td>{row.answers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
