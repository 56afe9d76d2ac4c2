/**
 * Serves the built renderer (Vite's dist/renderer) with a single-page-app fallback: any GET for a
 * path without a file extension gets index.html, so deep links like /proyektor work after a reload.
 * Paths are resolved inside the folder and refused if they would leave it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { missingRendererPage } from './missing-renderer-page.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'metode tidak diizinkan');
  }
  const root = path.resolve(rendererDir);
  const indexFile = path.join(root, 'index.html');
  if (!isFile(indexFile)) {
    // Not built yet: tell the person at the screen what to do, in their language.
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : missingRendererPage(root));
    return;
  }

  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendText(res, 400, 'alamat tidak sah');
  }
  if (relative.includes('\0')) return sendText(res, 400, 'alamat tidak sah');

  const target = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  if (target !== root && !target.startsWith(root + path.sep)) return sendText(res, 404, 'tidak ditemukan');

  if (isHidden(relative)) return sendText(res, 404, 'tidak ditemukan');
  if (isFile(target)) return sendFile(req, res, target);
  // A missing asset (has an extension) is a real 404; a route without one belongs to the SPA.
  if (path.posix.extname(relative) !== '') return sendText(res, 404, 'tidak ditemukan');
  return sendFile(req, res, indexFile);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const ext = path.extname(file).toLowerCase();
  const stat = fs.statSync(file);
  // Vite fingerprints everything under assets/, so those can be cached for good; the rest may change.
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Dotfiles (.env, .git leftovers) are never served even if a build copied them. */
function isHidden(relative: string): boolean {
  return relative.split('/').some((part) => part.startsWith('.') && part.length > 1);
}
