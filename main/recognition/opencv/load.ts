/**
 * The one safe way to get opencv.js (@techstark/opencv-js 4.12.0-release.1) in this process or worker thread.
 *
 * Three traps in the emscripten build, all handled here once:
 * - the module object is a *thenable* (`cv.then`): resolving a Promise with it re-enters `then` forever,
 *   so `then` is deleted before the object ever reaches an `await`/`resolve`;
 * - on load it installs process-wide `uncaughtException` / `unhandledRejection` handlers that abort the whole
 *   process on any unrelated error; they are removed again (only the ones it added);
 * - the wasm runtime initialises asynchronously; callers get the module only after `onRuntimeInitialized`.
 * Each worker thread has its own module instance (and its own wasm heap), loaded at most once.
 */
import { createRequire } from 'node:module';
import type { OpenCv } from './types.ts';

const require = createRequire(import.meta.url);

let loading: Promise<OpenCv> | undefined;
let loaded: OpenCv | undefined;

type Listener = (...args: unknown[]) => void;
const GUARDED_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/** Loads opencv.js once per thread; later calls return the same module. */
export function loadOpenCv(): Promise<OpenCv> {
  loading ??= initialise();
  return loading;
}

/** The module if `loadOpenCv()` has completed in this thread, else throws (a programming error). */
export function openCvSync(): OpenCv {
  if (!loaded) throw new Error('opencv.js belum dimuat: panggil loadOpenCv() dulu');
  return loaded;
}

async function initialise(): Promise<OpenCv> {
  const before = new Map<string, Set<Listener>>(
    GUARDED_EVENTS.map((ev) => [ev, new Set(listenersOf(ev))]),
  );
  // A plain object holder: the module itself must never be what a promise resolves to while `then` exists.
  const holder: { cv: Record<string, unknown> } = { cv: require('@techstark/opencv-js') as Record<string, unknown> };
  try {
    await new Promise<void>((resolve, reject) => {
      const cv = holder.cv;
      if (typeof cv.Mat === 'function') return resolve();
      const timer = setTimeout(() => reject(new Error('opencv.js tidak selesai dimuat dalam 30 detik')), 30_000);
      cv.onRuntimeInitialized = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  } finally {
    removeAddedListeners(before);
  }
  delete holder.cv.then;
  loaded = holder.cv as unknown as OpenCv;
  return loaded;
}

function removeAddedListeners(before: Map<string, Set<Listener>>): void {
  for (const ev of GUARDED_EVENTS) {
    const had = before.get(ev) ?? new Set<Listener>();
    for (const l of listenersOf(ev)) {
      if (!had.has(l)) process.removeListener(ev as 'uncaughtException', l);
    }
  }
}

function listenersOf(ev: (typeof GUARDED_EVENTS)[number]): Listener[] {
  // Both events share the listener list API; the cast only satisfies the overloads of `process.listeners`.
  return process.listeners(ev as 'uncaughtException') as unknown as Listener[];
}
