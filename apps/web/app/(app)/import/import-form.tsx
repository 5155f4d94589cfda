'use client';
// Import a file: choose it (or paste it), its format and what to do with it; the answer says
// how many items became suggestions or entries and lists, by line, what could not be read.
import Link from 'next/link';
import { useActionState } from 'react';
import { Field, FormAlert, SubmitButton, TextAreaField } from '../../../components/field';
import { TableHead } from '../../../components/table-head';
import { plural } from '../../../lib/format';
import { type ImportState, importFile } from '../../actions/suggestions';
import '../../../components/evidence-item.css';
import '../../../components/kinds-fieldset.css';
import '../../../components/table-head.css';

const FORMATS = [
  {
    value: '',
    label: 'From the file’s extension',
    hint: '.md or .markdown, .csv, .json, .ics (a pasted text needs one of the formats below)',
  },
  {
    value: 'markdown',
    label: 'Markdown brag document',
    hint: 'Bullets under dated headings (## 2026-11-02) or dated bullets (- 2026-11-02: …), with #review, #rfc, #mentor… tags',
  },
  {
    value: 'csv',
    label: 'CSV spreadsheet',
    hint: 'A header row: date, title, kinds, description, links',
  },
  {
    value: 'json',
    label: 'Leadtrack export (JSON)',
    hint: 'A file downloaded from Settings → Your data',
  },
  {
    value: 'ics',
    label: 'Calendar (.ics)',
    hint: 'Meetings with stakeholders, 1:1s and pairing, focus blocks and time off',
  },
];

export function ImportForm() {
  const [state, formAction, pending] = useActionState<ImportState, FormData>(importFile, {});
  const v = state.values ?? { format: '', mode: 'suggest', content: '' };
  const e = state.errors ?? {};
  const r = state.result;
  return (
    <>
      <form
        action={formAction}
        className="stack form"
        noValidate
        key={JSON.stringify(state.values ?? null)}
      >
        <FormAlert message={state.message} />
        <fieldset
          className={e.format ? 'field-invalid' : undefined}
          aria-describedby={e.format ? 'format-error' : undefined}
        >
          <legend>Format</legend>
          {e.format ? (
            <p className="field-error" id="format-error">
              {e.format}
            </p>
          ) : null}
          {FORMATS.map((f) => (
            <div className="kind-option" key={f.value}>
              <input
                type="radio"
                id={`format-${f.value}`}
                name="format"
                value={f.value}
                defaultChecked={v.format === f.value}
                aria-describedby={`format-${f.value}-hint`}
              />
              <label htmlFor={`format-${f.value}`}>{f.label}</label>
              <p className="hint" id={`format-${f.value}-hint`}>
                {f.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <Field id="file" label="File" hint="Up to 5 MiB, UTF-8 text." error={e.file}>
          <input
            id="file"
            name="file"
            type="file"
            accept=".md,.markdown,.txt,.csv,.json,.ics,text/*,application/json"
            aria-describedby="file-hint"
          />
        </Field>
        <TextAreaField
          id="import-content"
          name="content"
          label="…or paste it here"
          rows={8}
          error={e.content}
          defaultValue={v.content}
        />
        <fieldset>
          <legend>What to do</legend>
          <div className="kind-option">
            <input
              type="radio"
              id="mode-suggest"
              name="mode"
              value="suggest"
              defaultChecked={v.mode !== 'create'}
              aria-describedby="mode-suggest-hint"
            />
            <label htmlFor="mode-suggest">Suggest: put each item in my inbox to review</label>
            <p className="hint" id="mode-suggest-hint">
              Nothing counts until you accept it.
            </p>
          </div>
          <div className="kind-option">
            <input
              type="radio"
              id="mode-create"
              name="mode"
              value="create"
              defaultChecked={v.mode === 'create'}
              aria-describedby="mode-create-hint"
            />
            <label htmlFor="mode-create">Create: add the entries now</label>
            <p className="hint" id="mode-create-hint">
              Each item needs a date and a behaviour tag. Importing the same file again adds
              nothing.
            </p>
          </div>
        </fieldset>
        <SubmitButton pending={pending} pendingText="Importing…">
          Import
        </SubmitButton>
      </form>
      {r ? (
        <section className="panel" aria-labelledby="import-result-h" aria-live="polite">
          <h2 id="import-result-h">Imported</h2>
          <ul className="plain-list">
            {r.created > 0 || v.mode === 'create' ? (
              <li>
                {plural(r.created, 'entry', 'entries')} created (
                <Link href="/evidence">see your evidence</Link>)
              </li>
            ) : null}
            {r.suggested > 0 || v.mode === 'suggest' ? (
              <li>
                {plural(r.suggested, 'suggestion')} added to your <Link href="/inbox">inbox</Link>
              </li>
            ) : null}
            {r.skipped > 0 ? <li>{plural(r.skipped, 'item')} imported before, skipped</li> : null}
            <li>{plural(r.errors.length, 'line')} not imported</li>
          </ul>
          {r.created + r.suggested + r.skipped === 0 ? (
            <p>
              <strong>Nothing was imported from this file.</strong>{' '}
              {r.errors.length > 0
                ? 'Every line listed below could not be read.'
                : 'It held nothing to import for the dates Leadtrack reads.'}
            </p>
          ) : null}
          {r.errors.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <caption className="sr-only">Lines not imported, and why</caption>
                <TableHead columns={['Line', 'Why']} />
                <tbody>
                  {r.errors.map((error) => (
                    <tr key={`${error.line}:${error.message}`}>
                      <td>{error.line}</td>
                      <td>{error.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
