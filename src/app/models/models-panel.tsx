// The model page: per family (RVM, BGMv2), what is installed, kept in browser storage and
// missing, with size, precision and official/custom; remove, download, or how to get a file;
// "Add model file…" for an .onnx from disk and "Download model from URL…" for one on a server.

import { useEffect, useRef, useState } from 'react';
import { ModelRowView } from './model-row.tsx';
import { modelRows } from './model-rows.ts';
import { addModelFiles, useModelsStore } from './models-store.ts';
import { UrlDownloadForm } from './url-download-form.tsx';
import { useModelCatalogue, useStorageEstimate } from './use-model-catalogue.ts';

export function ModelsPanel({ onClose }: { onClose(): void }) {
  const { catalogue, error } = useModelCatalogue();
  const storage = useStorageEstimate();
  const message = useModelsStore((s) => s.message);
  const picker = useRef<HTMLInputElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const urlButton = useRef<HTMLButtonElement>(null);
  const [urlOpen, setUrlOpen] = useState(false);
  // The button is disabled while its field is open; once the field closes it gets the focus back.
  const urlWasOpen = useRef(false);
  useEffect(() => {
    if (urlWasOpen.current && !urlOpen) urlButton.current?.focus();
    urlWasOpen.current = urlOpen;
  }, [urlOpen]);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <section
        className="dialog models-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="models-panel-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          // The editor's shortcuts (Delete, Space, digits…) are not meant for this page.
          e.stopPropagation();
        }}
      >
        <header className="models-head">
          <h2 id="models-panel-title">Models</h2>
          <button ref={first} type="button" className="primary" onClick={() => picker.current?.click()}>
            Add model file…
          </button>
          <input
            ref={picker}
            type="file"
            accept=".onnx"
            multiple
            hidden
            aria-label="Add model file"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void addModelFiles(files);
            }}
          />
          <button ref={urlButton} type="button" aria-expanded={urlOpen} disabled={urlOpen} onClick={() => setUrlOpen(true)}>
            Download model from URL…
          </button>
          <button type="button" className="models-close" onClick={onClose} aria-label="Close models">Close</button>
        </header>
        <p className="hint">
          Installed models come from <code>npm run models</code>. Files you add or download here are checked against the
          model's inputs and outputs, compared with the official releases, and kept in this browser until you remove them.
        </p>
        {urlOpen && (
          <div className="models-url-box">
            <UrlDownloadForm
              target={{ kind: 'any' }}
              onClose={() => setUrlOpen(false)}
            />
          </div>
        )}
        <p className={`models-message ${message?.kind ?? ''}`} role="status" aria-live="polite">{message?.text ?? ''}</p>
        {error && <p className="models-message error">{error}</p>}
        <div className="models-families">
          {catalogue && modelRows(catalogue).map((f) => (
            <section key={f.family} className="models-family" aria-label={f.title}>
              <h3>{f.title}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Where</th>
                    <th scope="col">Size</th>
                    <th scope="col">Precision</th>
                    <th scope="col">Release</th>
                    <th scope="col"><span className="visually-hidden">Action</span></th>
                  </tr>
                </thead>
                <tbody>
                  {f.rows.map((row) => <ModelRowView key={row.key} row={row} />)}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        {storage && <p className="models-storage">{storage}</p>}
      </section>
    </div>
  );
}
