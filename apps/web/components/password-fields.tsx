// A password being chosen, typed twice: the form's `name` field, then `repeatPassword`. The
// browser is told it is a new one (it may offer to suggest one); the contract's minimum is
// said under the first unless `hint` words it otherwise.
import { PASSWORD_HINT } from '../lib/form-words';
import { type FieldBinder, PasswordField } from './field';

interface Props {
  bind: FieldBinder;
  /** The form name of the first field, as the API names its errors. */
  name: string;
  /** The first field's label; the second says it "again". */
  label: string;
  hint?: string;
  required?: boolean;
}

export function NewPasswordFields({ bind, name, label, hint = PASSWORD_HINT, required }: Props) {
  return (
    <>
      <PasswordField
        {...bind(name)}
        label={label}
        hint={hint}
        autoComplete="new-password"
        required={required}
      />
      <PasswordField
        {...bind('repeatPassword')}
        label={`${label} again`}
        autoComplete="new-password"
        required={required}
      />
    </>
  );
}
