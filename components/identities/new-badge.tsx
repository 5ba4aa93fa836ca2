/** The "first seen inside the incident window" mark: text, not colour alone. */
export function NewBadge({ isNew }: { isNew: boolean }) {
  if (!isNew) return null;
  return (
    <span
      className="badge"
      data-testid="new-badge"
      title="First seen inside the case's incident window"
      style={{ borderColor: "#fedf89", background: "#fffaeb", color: "#9a6700", fontWeight: 600, marginLeft: ".35rem" }}
    >
      new
    </span>
  );
}
