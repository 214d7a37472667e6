import type { ReactNode } from 'react';

/**
 * A labelled form field: the label names the control (htmlFor = its id), then either the inline
 * problem (id `${id}-error`, point aria-describedby at it via `invalidProps`) or a hint.
 */
export function Field({
  id,
  label,
  problem,
  hint,
  children,
  className,
}: {
  id: string;
  label: string;
  problem?: string | null;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem ? (
        <span className="field-error" id={`${id}-error`}>
          {problem}
        </span>
      ) : (
        hint && <span className="hint">{hint}</span>
      )}
    </div>
  );
}

/** aria-invalid and aria-describedby for a control whose Field shows a problem. */
export function invalidProps(id: string, problem: string | null | undefined) {
  return problem ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}
