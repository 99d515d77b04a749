// The project a mapping re-codes answers to: starts empty with a placeholder and is required, the matcher's
// suggestions first. Server-rendered; the server action refuses an empty choice too (catalogue-rules.ts).
export function ProjectSelect({ projects, suggested = [], label = "Project" }: { projects: { id: number; name: string }[]; suggested?: { projectId: number; name: string }[]; label?: string }) {
  return (
    <select name="projectId" aria-label={label} required defaultValue="">
      <option value="" disabled>
        Choose a project…
      </option>
      {suggested.length > 0 ? (
        <optgroup label="Suggested">
          {suggested.map((s) => (
            <option key={`s${s.projectId}`} value={s.projectId}>
              {s.name}
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label="All projects">
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
