import { useState } from 'react';
import { useInvalidateData } from '../../queries/hooks';
import { FailureWithDetails, TechnicalDetails } from '../../ui/TechnicalDetails';

export interface ActionMessage {
  kind: 'ok' | 'error';
  text: string;
  /** A library's own words behind an error, folded under it. */
  details?: string;
}

/**
 * A change to the saved data started from the data manager: one at a time (busy), its outcome as
 * a message, and every view refreshed afterwards whether it worked or not.
 */
export function useDataAction(errorText: (e: unknown) => string = (e) => (e instanceof Error ? e.message : String(e))) {
  const invalidate = useInvalidateData();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await fn() });
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e), details: e instanceof FailureWithDetails ? e.details : undefined });
    } finally {
      setBusy(false);
      await invalidate();
    }
  };
  return { busy, message, run };
}

/** The outcome line of a data action; `state` names it for tests (data-state="<state>-ok"). */
export function ActionOutcome({ message, state }: { message: ActionMessage | null; state: string }) {
  if (!message) return null;
  return (
    <div
      className={message.kind === 'ok' ? 'ok-text' : 'error'}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-state={`${state}-${message.kind}`}
    >
      <p>{message.text}</p>
      <TechnicalDetails text={message.details} />
    </div>
  );
}
