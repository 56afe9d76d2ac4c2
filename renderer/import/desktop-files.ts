/**
 * In the desktop app a picked or dropped file is on this machine: the import reads it from its path (no
 * copy through the API). Electron no longer puts the path on File objects; the preload can expose
 * `webUtils.getPathForFile` as `window.plenoDesktop.pathForFile`. In a browser there is no such bridge and
 * the files are uploaded.
 */
declare global {
  interface Window {
    plenoDesktop?: { pathForFile(file: File): string };
  }
}

/** Every file's path on this machine, or null when any is unknown (then the files are uploaded). */
export function desktopPaths(files: readonly File[]): string[] | null {
  const bridge = window.plenoDesktop;
  if (!bridge || files.length === 0) return null;
  const paths = files.map((file) => {
    try {
      return bridge.pathForFile(file);
    } catch {
      return '';
    }
  });
  return paths.every((p) => p.length > 0) ? paths : null;
}
