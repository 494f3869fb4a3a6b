// What the model page lists, per family: the installed models (npm run models), the ones kept
// in browser storage, and the manifest's files that are in neither, each with how to get it.

import type { ModelOrigin } from '../../ml/installed-models.ts';
import { manifest as defaultManifest, type ModelManifest, type OfficialModel } from '../../ml/manifest.ts';
import { browserDownloadBlocker } from '../../ml/model-download-source.ts';
import type { ModelEntry, ModelFamily, Precision } from '../../ml/model-library.ts';

export type ModelRow =
  | { kind: 'present'; key: string; origin: ModelOrigin; entry: ModelEntry }
  | {
      kind: 'missing';
      key: string;
      model: OfficialModel;
      /** Where the page can download it from (sends CORS), if anywhere. */
      downloadUrl?: string;
      /** Why the page cannot, and what to do instead. */
      instruction?: string;
    };

export interface FamilyRows {
  family: ModelFamily;
  title: string;
  rows: ModelRow[];
}

export interface RowFacts {
  label: string;
  file?: string;
  bytes: number | null | undefined;
  precision: Precision;
  official: boolean;
}

export function rowFacts(row: ModelRow): RowFacts {
  if (row.kind === 'present') {
    const e = row.entry;
    return { label: e.label, file: e.file, bytes: e.bytes, precision: e.precision, official: e.official };
  }
  const m = row.model;
  return { label: m.label, file: m.file, bytes: m.bytes, precision: m.precision, official: true };
}

export function modelRows(catalogue: readonly { entry: ModelEntry; origin: ModelOrigin }[], manifest: ModelManifest = defaultManifest): FamilyRows[] {
  return (Object.keys(manifest.families) as ModelFamily[]).map((family) => {
    const present = catalogue.filter((m) => m.entry.family === family);
    const missing = manifest.official.filter((o) => o.family === family && !present.some((p) => isCopyOf(p.entry, o)));
    return {
      family,
      title: `${manifest.families[family].short}: ${manifest.families[family].label}`,
      rows: [
        ...present.map((p): ModelRow => ({ kind: 'present', key: `${p.origin}:${p.entry.id}`, origin: p.origin, entry: p.entry })),
        ...missing.map(missingRow),
      ],
    };
  });
}

/** An entry is that official file when its bytes match, or (no hash known) it carries its id. */
const isCopyOf = (e: ModelEntry, o: OfficialModel) =>
  o.sha256 ? e.sha256 === o.sha256 : e.id === o.id || (e.official && e.file === o.file);

function missingRow(model: OfficialModel): ModelRow {
  const key = `missing:${model.id}`;
  const bring =
    'give the address of a copy on a server that sends CORS with “Download from URL…”, ' +
    'or add the file you have with “Add model file…” (or drop it on a model node)';
  if (!model.url) {
    return {
      kind: 'missing', key, model,
      instruction: `No download address is known: import it with \`npm run models -- --from DIR\`, ${bring}.`,
    };
  }
  const blocker = browserDownloadBlocker(model.url);
  if (blocker) {
    return {
      kind: 'missing', key, model,
      instruction: `Not downloadable here (${blocker}): run \`npm run models -- --id ${model.id}\` in the project folder, ${bring}.`,
    };
  }
  return { kind: 'missing', key, model, downloadUrl: model.url };
}
