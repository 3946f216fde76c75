import { fieldDef, type FieldId, type FileKind } from '../import/fields';
import { currentLang } from '../i18n';

/** A field's label in the UI language, from the field catalogue. */
export function fieldLabel(id: FieldId): string {
  return fieldDef(id)[currentLang()];
}

const KIND_LABEL = { results: 'data.results', members: 'data.members', stats: 'statTables.kind' } as const satisfies Record<
  FileKind,
  string
>;

/** The i18n key of a kind of file's name. */
export function kindLabelKey(kind: FileKind | string): (typeof KIND_LABEL)[FileKind] {
  return KIND_LABEL[kind as FileKind] ?? KIND_LABEL.members;
}
