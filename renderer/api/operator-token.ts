/**
 * Browser mode: the host grants operator rights to a browser on the operator's machine that holds the
 * operator token (the URL printed by `pleno serve` carries it as `?token=…`). We keep it for this tab
 * only (sessionStorage) and remove it from the address bar so it is not shown on a projector or copied along.
 */
const STORAGE_KEY = 'pleno.operatorToken';

export function readOperatorToken(): string | null {
  const fromUrl = takeTokenFromUrl();
  if (fromUrl) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  let token = url.searchParams.get('token');
  if (token) url.searchParams.delete('token');
  // Also accept it inside the hash route (`#/?token=…`), which survives some link shorteners and QR readers.
  const [route, query] = url.hash.split('?', 2);
  if (!token && query) {
    const params = new URLSearchParams(query);
    token = params.get('token');
    if (token) {
      params.delete('token');
      url.hash = params.size > 0 ? `${route}?${params}` : (route ?? '');
    }
  }
  if (token) window.history.replaceState(window.history.state, '', url);
  return token;
}
