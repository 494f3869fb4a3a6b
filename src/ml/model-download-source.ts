// Whether a page can download a model from a URL at all. GitHub release assets redirect to
// objects.githubusercontent.com without an Access-Control-Allow-Origin header, so fetch() from
// a page always fails there; saying so up front beats a generic network error.

export function browserDownloadBlocker(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a web address`;
  }
  const host = u.hostname.toLowerCase();
  const releaseAsset = host === 'github.com' && /^\/[^/]+\/[^/]+\/releases\/download\//.test(u.pathname);
  if (releaseAsset || host === 'objects.githubusercontent.com' || host === 'release-assets.githubusercontent.com') {
    return 'GitHub release assets send no CORS header, so a web page cannot download them';
  }
  return undefined;
}
