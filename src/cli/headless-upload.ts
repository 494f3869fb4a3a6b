// Sends the export's bytes to the CLI's server, one POST per chunk, strictly in order (a later
// write may overwrite an earlier one, e.g. the MP4 header), so the files on disk match.

export interface ChunkUploader {
  /** Queues a chunk (of file `file`, else the main output); settles when the CLI has written it (back-pressure). */
  write(chunk: Uint8Array, position: number, file?: string): Promise<void>;
  /** Resolves when every queued chunk is written; rejects with the first failure. */
  finished(): Promise<void>;
}

export function createChunkUploader(sinkPath: string): ChunkUploader {
  let chain: Promise<void> = Promise.resolve();
  const send = async (body: Uint8Array<ArrayBuffer>, position: number, file?: string) => {
    let res: Response;
    const name = file === undefined ? '' : `&file=${encodeURIComponent(file)}`;
    try {
      res = await fetch(`${sinkPath}?position=${position}${name}`, { method: 'POST', body });
    } catch (e) {
      throw new Error(`cannot send output to the CLI: ${(e as Error).message}`);
    }
    if (!res.ok) throw new Error(`the CLI could not write the output: ${(await res.text()) || `HTTP ${res.status}`}`);
  };
  return {
    write(chunk, position, file) {
      // Copy now: the muxer may reuse its buffer once this call returns.
      const body = new Uint8Array(chunk);
      chain = chain.then(() => send(body, position, file));
      return chain;
    },
    finished: () => chain,
  };
}
