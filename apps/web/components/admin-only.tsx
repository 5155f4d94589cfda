/** What an admin page shows anyone else: its title, and who it is for. */
export function AdminOnly({ title, reason }: { title: string; reason: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="empty panel">{reason}</p>
    </>
  );
}
