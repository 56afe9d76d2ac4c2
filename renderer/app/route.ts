/**
 * Hash routing: `#/` is the operator console, `#/status` its status board, `#/projector` the projector
 * view. Hashes work the same under Electron's app://pleno/ protocol and over HTTP, and need no
 * server-side routes.
 */
import { useSyncExternalStore } from 'react';

export type Route = 'console' | 'status' | 'projector' | 'review' | 'withheld' | 'pleno' | 'import';

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  if (/^\/?projector\/?$/.test(path)) return 'projector';
  if (/^\/?status\/?$/.test(path)) return 'status';
  if (/^\/?withheld\/?$/.test(path)) return 'withheld';
  if (/^\/?import\/?$/.test(path)) return 'import';
  if (/^\/?pleno(\/\d+)?\/?$/.test(path)) return 'pleno';
  if (/^\/?review\/\d{13}\/?$/.test(path)) return 'review';
  return 'console';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
