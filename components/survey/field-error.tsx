/** The message next to a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="error" data-field-error>
      {message}
    </p>
  );
}

/** The space-separated ids for aria-describedby, skipping the ones not shown. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const shown = ids.filter((id): id is string => typeof id === "string" && id.length > 0);
  return shown.length > 0 ? shown.join(" ") : undefined;
}
