import { currentLang } from '../i18n';
import { metricDef, type MetricId } from '../metrics/catalogue';

/** A choice of indicator, labelled from the catalogue. */
export function MetricSelect({
  value,
  options,
  onChange,
  name,
}: {
  value: MetricId;
  options: readonly MetricId[];
  onChange: (m: MetricId) => void;
  name: string;
}) {
  const lang = currentLang();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as MetricId)} data-select={name}>
      {options.map((m) => (
        <option key={m} value={m}>
          {metricDef(m)[lang]}
        </option>
      ))}
    </select>
  );
}
