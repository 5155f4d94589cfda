// A labelled <select> of colleagues (by name), for asking an endorsement or granting a sponsor.
import type { Colleague } from '../lib/api/users';

export function ColleaguePicker({
  id,
  label,
  colleagues,
  hint,
}: {
  id: string;
  label: string;
  colleagues: Colleague[];
  hint?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name="userId"
        required
        defaultValue=""
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        <option value="" disabled>
          Choose a colleague
        </option>
        {colleagues.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
