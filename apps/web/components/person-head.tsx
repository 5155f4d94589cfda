import Link from 'next/link';

/** The top of a person's record page: the way back, their name and their promotion packet. */
export function PersonHead({
  back,
  person,
}: {
  back: { href: string; label: string };
  person: { id: string; name: string };
}) {
  return (
    <>
      <p className="crumbs">
        <Link href={back.href}>{back.label}</Link> <span aria-hidden="true">/</span> {person.name}
      </p>
      <div className="page-head">
        <h1>{person.name}</h1>
        <Link href={`/packet?userId=${person.id}`} className="button">
          Promotion packet
        </Link>
      </div>
    </>
  );
}
