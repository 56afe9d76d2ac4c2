/**
 * Builds the React renderer (operator console + projector view) into dist/renderer.
 * The same files are served by Electron's app://pleno/ protocol and by the HTTP host (browser mode),
 * so every URL in the output is relative and nothing is inlined or fetched from outside (offline, strict CSP).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The policy the built page declares for itself; the Electron shell and the host may send a stricter header too. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // ws:/wss: for the browser-mode event socket (same host; 'self' alone does not cover ws: in every engine).
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Only in the production build: the dev server injects its own inline scripts (React refresh). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pleno-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    // Keep every asset a file: data: URLs for scripts would need a looser CSP.
    assetsInlineLimit: 0,
    // The polyfill is a tiny inline-free chunk anyway, but Chromium has native modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config vite.config.mts` during development: forward the API to a running `npm run serve`.
    proxy: {
      '/api': { target: process.env.PLENO_HOST ?? 'http://127.0.0.1:5780', ws: true },
    },
  },
});
