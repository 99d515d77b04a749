// The category a project is added to, moved to or promoted into: starts empty with a placeholder and is
// required. Server-rendered; the server action refuses an empty choice too (catalogue-rules.ts).
export function CategorySelect({ categories, label }: { categories: { id: number; name: string }[]; label?: string }) {
  return (
    <select name="categoryId" aria-label={label} required defaultValue="">
      <option value="" disabled>
        Choose a category…
      </option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
