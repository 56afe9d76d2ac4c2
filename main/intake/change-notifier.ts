/**
 * Tells the screens what an import changed (the API's publishDataChanged), coalesced: a fast import
 * settles several files a second, and one refresh per region every few hundred milliseconds is all a
 * status board needs.
 */
export type DataChanged = (scope: string, regionCode: string | null) => void;

export interface ChangeNotifier {
  /** A TPS changed (its desa is what a region view re-reads). */
  tps(tpsCode: string): void;
  /** The queue changed (counts, items). */
  queue(): void;
  flush(): void;
}

export function changeNotifier(publish: DataChanged | undefined, delayMs = 300): ChangeNotifier {
  const desas = new Set<string>();
  let queueChanged = false;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!publish) return;
    for (const desa of desas) publish('tps', desa);
    desas.clear();
    if (queueChanged) publish('intake', null);
    queueChanged = false;
  };
  const later = () => {
    if (!publish || timer) return;
    timer = setTimeout(flush, delayMs);
    timer.unref();
  };
  return {
    tps(code) {
      desas.add(code.slice(0, 10));
      later();
    },
    queue() {
      queueChanged = true;
      later();
    },
    flush,
  };
}
