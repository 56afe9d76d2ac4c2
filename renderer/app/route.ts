/**
 * Hash routing: `#/` is the operator console, `#/projector` the projector view. Hashes work the same under
 * Electron's app://pleno/ protocol and over HTTP, and need no server-side routes.
 */
import { useSyncExternalStore } from 'react';

export type Route = 'console' | 'projector';

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  return /^\/?projector\/?$/.test(path) ? 'projector' : 'console';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
