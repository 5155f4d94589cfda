import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import · Leadtrack' };

export default function ImportPage() {
  return (
    <>
      <h1>Import</h1>
      <p className="muted">
        Bring in what you already wrote down: a brag document, a spreadsheet, a calendar, or a
        Leadtrack export. Items go to your <Link href="/inbox">inbox</Link> to review, or straight
        into your evidence. Lines that cannot be read are listed with the reason; the rest is
        imported, and nothing is imported twice.
      </p>
      <div className="narrow">
        <ImportForm />
      </div>
    </>
  );
}
