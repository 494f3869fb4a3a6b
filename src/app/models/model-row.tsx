// One model on the model page: its name, where it is, size, precision, official or custom, and
// what can be done (remove it; download it with progress and cancel; or how to get it, and
// "Download from URL…" with an address the user gives).

import { useEffect, useRef, useState } from 'react';
import type { ModelOrigin } from '../../ml/installed-models.ts';
import { formatBytes } from './format-bytes.ts';
import { rowFacts, type ModelRow } from './model-rows.ts';
import { cancelDownload, downloadModel, removeModel, useModelsStore } from './models-store.ts';
import { UrlDownloadForm } from './url-download-form.tsx';

const WHERE: Record<ModelOrigin | 'missing', string> = {
  installed: 'Installed',
  cached: 'In browser storage',
  session: 'This session only',
  missing: 'Missing',
};

export function ModelRowView({ row }: { row: ModelRow }) {
  const facts = rowFacts(row);
  const where = row.kind === 'present' ? row.origin : 'missing';
  const [urlOpen, setUrlOpen] = useState(false);
  // "Download from URL…" is disabled while its field is open; closing the field focuses it again.
  const line = useRef<HTMLTableRowElement>(null);
  const urlWasOpen = useRef(false);
  useEffect(() => {
    if (urlWasOpen.current && !urlOpen) line.current?.querySelector<HTMLButtonElement>('button[aria-expanded]')?.focus();
    urlWasOpen.current = urlOpen;
  }, [urlOpen]);
  return (
    <>
      <tr ref={line} className={`model-row ${where}`} data-model={row.kind === 'present' ? row.entry.id : row.model.id}>
        <th scope="row">
          <span className="model-label">{facts.label}</span>
          {facts.file && !facts.label.includes(facts.file) && <span className="model-file">{facts.file}</span>}
        </th>
        <td className="model-where">{WHERE[where]}</td>
        <td className="model-size">{formatBytes(facts.bytes)}</td>
        <td>{facts.precision}</td>
        <td>{facts.official ? 'official' : 'custom'}</td>
        <td className="model-action">
          <RowAction row={row} urlOpen={urlOpen} openUrl={() => setUrlOpen(true)} />
        </td>
      </tr>
      {row.kind === 'missing' && row.instruction && (
        <tr className="model-instruction">
          <td colSpan={6}>{row.instruction}</td>
        </tr>
      )}
      {row.kind === 'missing' && urlOpen && (
        <tr className="model-url-row">
          <td colSpan={6}>
            <UrlDownloadForm target={{ kind: 'official', model: row.model }} onClose={() => setUrlOpen(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

function RowAction({ row, urlOpen, openUrl }: { row: ModelRow; urlOpen: boolean; openUrl(): void }) {
  const progress = useModelsStore((s) => (row.kind === 'missing' ? s.downloads[row.model.id] : undefined));
  const { label } = rowFacts(row);
  if (row.kind === 'present') {
    if (row.origin === 'installed') return <span className="model-note">via npm run models</span>;
    return (
      <button type="button" aria-label={`Remove ${label}`} onClick={() => void removeModel(row.entry.id, label)}>
        Remove
      </button>
    );
  }
  if (!progress) {
    const url = row.downloadUrl;
    return (
      <span className="model-buttons">
        {url && (
          <button type="button" aria-label={`Download ${label}`} onClick={() => void downloadModel(row.model, url)}>
            Download
          </button>
        )}
        <button type="button" aria-label={`Download ${label} from a URL…`} aria-expanded={urlOpen} disabled={urlOpen} onClick={openUrl}>
          Download from URL…
        </button>
      </span>
    );
  }
  const { received, total } = progress;
  return (
    <span className="model-download">
      <progress aria-label={`Downloading ${label}`} max={total ?? undefined} value={total ? received : undefined} />
      <span className="model-progress-text">
        {total && received >= total ? 'checking the file…' : `${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}`}
      </span>
      <button type="button" aria-label={`Cancel download of ${label}`} onClick={() => cancelDownload(row.model.id)}>
        Cancel
      </button>
    </span>
  );
}
