import Link from 'next/link';

/** The 404 wording, shared by the signed-in shell's not-found page and the bare one. */
export function NotFoundMessage() {
  return (
    <>
      <h1>Not found</h1>
      <p>There is nothing here, or it is not yours to see.</p>
      <p>
        <Link href="/">Back to your readiness</Link>
      </p>
    </>
  );
}
