// The address field of "Download from URL…" (a missing row's, or the page's for any model): a
// labelled URL field with Download and Close; an address the page cannot fetch is refused
// before anything is sent, with the reason (the page says it, not the browser's validation
// bubble); while downloading, progress and Cancel.

import { useId, useState, type FormEvent } from 'react';
import { formatBytes } from './format-bytes.ts';
import { cancelDownload, useModelsStore } from './models-store.ts';
import { downloadFromUrl, urlDownloadKey, urlProblem, type UrlDownloadTarget } from './url-download.ts';

interface Props {
  target: UrlDownloadTarget;
  onClose(): void;
}

export function UrlDownloadForm({ target, onClose }: Props) {
  const id = useId();
  const key = urlDownloadKey(target);
  const progress = useModelsStore((s) => s.downloads[key]);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string>();
  const what = target.kind === 'official' ? target.model.label : 'a model';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const refused = urlProblem(url);
    setProblem(refused && `Not downloaded: ${refused}.`);
    if (refused) return;
    // Once kept, the model is listed in its family: the field has done its job.
    if (await downloadFromUrl(target, url)) onClose();
  };
  return (
    <form className="model-url-form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Download ${what} from a URL`}>
      <label htmlFor={id}>{target.kind === 'official' ? `Address of ${target.model.file}` : 'Address of an .onnx model'}</label>
      <div className="model-url-controls">
        <input
          id={id}
          type="url"
          value={url}
          autoFocus
          spellCheck={false}
          disabled={progress !== undefined}
          placeholder="https://huggingface.co/…/resolve/main/model.onnx"
          onChange={(e) => {
            setUrl(e.target.value);
            setProblem(undefined);
          }}
        />
        {progress ? (
          <span className="model-download">
            <progress aria-label={`Downloading ${what}`} max={progress.total ?? undefined} value={progress.total ? progress.received : undefined} />
            <span className="model-progress-text">
              {progress.total && progress.received >= progress.total
                ? 'checking the file…'
                : `${formatBytes(progress.received)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}`}
            </span>
            <button type="button" onClick={() => cancelDownload(key)}>Cancel</button>
          </span>
        ) : (
          <>
            <button type="submit" className="primary">Download</button>
            <button type="button" onClick={onClose}>Close</button>
          </>
        )}
      </div>
      {problem && <p className="model-url-problem" role="alert">{problem}</p>}
      <p className="model-url-note">
        {target.kind === 'official'
          ? `The server must send CORS headers (Hugging Face does; GitHub release assets do not). The file is kept only if it is the official one: same size and sha256 as the manifest's${target.model.sha256 ? '' : ' (none is published for this file: it will be kept as a custom model)'}, and the inputs and outputs of its family.`
          : 'The server must send CORS headers (Hugging Face does; GitHub release assets do not). The file is checked against the inputs and outputs of RVM or BGMv2 and kept as official if its sha256 is a release’s, as custom otherwise.'}
      </p>
    </form>
  );
}
