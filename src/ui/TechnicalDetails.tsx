import { useTranslation } from 'react-i18next';

/**
 * A library's own words (DuckDB's, the spreadsheet reader's, the browser's — in English), folded
 * under "details": the message above it says what happened in the UI language, and this is what
 * a colleague who supports the office would want to read.
 */
export function TechnicalDetails({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="library-details" data-library-details>
      <summary>{t('import.details')}</summary>
      <code>{text}</code>
    </details>
  );
}

/** An error whose message is ours, in the UI language, carrying the library's own words apart. */
export class FailureWithDetails extends Error {
  constructor(
    message: string,
    public readonly details: string,
  ) {
    super(message);
    this.name = 'FailureWithDetails';
  }
}

/** What an error says in a library's own words. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
