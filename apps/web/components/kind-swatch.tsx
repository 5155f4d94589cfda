import './kind-swatch.css';
/** The small colour square that marks a behaviour (kind) wherever it is listed. */
export function KindSwatch({ kind }: { kind: string }) {
  return (
    <span className="swatch" style={{ background: `var(--kind-${kind})` }} aria-hidden="true" />
  );
}
