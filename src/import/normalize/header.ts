import { cleanText, stripBracketed } from './text';

/**
 * The form a header is matched in. Headers vary in ways that carry no meaning for which field
 * a column holds: case, full-width forms, spaces and line breaks inside merged cells, a unit or
 * note in brackets ("参选率(%)", "县(市、区)", "得票数(票)"), a trailing colon, a trailing "%"
 * ("参选率%"), quotation marks (书记主任“一肩挑”) and the "*" that marks required columns in
 * templates. All are removed. A header that is nothing but a bracketed note keeps its text.
 */
export function normalizeHeader(raw: string): string {
  const t = cleanText(raw)
    .toLowerCase()
    .replace(/[\s"'“”‘’「」『』]/g, '');
  const stripped = stripBracketed(t);
  let out = stripped === '' ? t.replace(/[()[\]【】〔〕]/g, '') : stripped;
  let prev: string;
  do {
    prev = out;
    out = out.replace(/^\*+/, '').replace(/[:%*]+$/, '');
  } while (out !== prev);
  return out;
}
