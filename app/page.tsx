import { connection } from "next/server";
import { getOpenRound } from "@/lib/db/rounds";

export default async function HomePage() {
  await connection();
  const round = await getOpenRound();
  if (!round) {
    return (
      <section>
        <h1>This survey is closed</h1>
        <p>
          No survey round is open at the moment. <a href="/results">See the results</a>.
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{round.title}</h1>
    </section>
  );
}
