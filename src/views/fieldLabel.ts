import { fieldDef, type FieldId } from '../import/fields';
import { currentLang } from '../i18n';

/** A field's label in the UI language, from the field catalogue. */
export function fieldLabel(id: FieldId): string {
  return fieldDef(id)[currentLang()];
}
