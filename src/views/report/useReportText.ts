import { useCallback, useEffect, useState } from 'react';
import type { ReportSection, SectionId } from '../../report/generate';

export interface ReportText {
  title: string;
  sections: Record<SectionId, string>;
}

const PREFIX = 'cunxuan.report:';

/** The generated text as the editor holds it: each section's paragraphs separated by a blank line. */
export function generatedText(title: string, sections: readonly ReportSection[]): ReportText {
  return { title, sections: Object.fromEntries(sections.map((s) => [s.id, s.paragraphs.join('\n\n')])) as Record<SectionId, string> };
}

/** A section's edited text back into paragraphs: one per non-empty line. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function load(key: string): ReportText | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const v = raw ? (JSON.parse(raw) as ReportText) : null;
    return v && typeof v.title === 'string' && v.sections && typeof v.sections === 'object' ? v : null;
  } catch {
    return null;
  }
}

/**
 * The report's text: the generated one until the user edits it; edits are kept in this browser
 * per scope, cycle and language (a reload or a detour to another view loses nothing), until reset.
 */
export function useReportText(key: string, generated: ReportText) {
  const [text, setText] = useState<ReportText>(() => load(key) ?? generated);
  const [edited, setEdited] = useState(() => load(key) !== null);
  const generatedKey = JSON.stringify(generated);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generatedKey stands for generated (a new object every render)
  useEffect(() => {
    // A new scope or language starts from its saved text, else the generated one; new figures
    // (an import) refresh a text the user has not edited.
    const saved = load(key);
    setText(saved ?? generated);
    setEdited(saved !== null);
  }, [key, generatedKey]);
  const update = useCallback(
    (next: ReportText) => {
      setText(next);
      setEdited(true);
      try {
        localStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Storage full or private mode: the edit lives in this page only.
      }
    },
    [key],
  );
  const reset = useCallback(() => {
    try {
      localStorage.removeItem(PREFIX + key);
    } catch {
      // Nothing was saved.
    }
    setText(generated);
    setEdited(false);
  }, [key, generated]);
  return { text, edited, update, reset };
}
