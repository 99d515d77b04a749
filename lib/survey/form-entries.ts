// A server action's form as plain fields. Actions are called with whatever a client encodes, not only with the
// FormData their form sends: anything else reads as an empty form, which the action's schema then refuses with
// its usual message instead of throwing (a 500).
export function formEntries(formData: unknown): Record<string, FormDataEntryValue> {
  return formData instanceof FormData ? Object.fromEntries(formData) : {};
}
