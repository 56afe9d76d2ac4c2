/**
 * The region tree: kabupaten → kecamatan → desa → TPS, each node's children loaded when it is opened.
 * Keyboard as in the WAI-ARIA tree pattern: ↑/↓ move, → opens or enters, ← closes or goes up, Home/End,
 * typing a letter jumps to the next name starting with it. Selection follows focus.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { RegionSummary } from '../../shared/domain/types.ts';
import { formatNumber } from '../app/format.ts';
import { displayName, levelWord } from '../app/labels.ts';
import { useRegionDirectory } from './region-directory.ts';
import { flattenTree, type TreeRow } from './tree-rows.ts';

interface Props {
  roots: readonly RegionSummary[];
  /** The selected region code or TPS code. */
  selected: string | null;
  onSelect(row: TreeRow): void;
}

export function RegionTree({ roots, selected, onSelect }: Props) {
  const directory = useRegionDirectory();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(roots.map((r) => r.code)));
  const [focusKey, setFocusKey] = useState<string | null>(selected ?? roots[0]?.code ?? null);
  const rowElements = useRef(new Map<string, HTMLDivElement>());
  const moveDomFocus = useRef(false);
  const typeAhead = useRef({ text: '', at: 0 });

  const rows = useMemo(
    () => flattenTree(roots, expanded, directory),
    // directory.version() changes whenever an answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [roots, expanded, directory.version()],
  );

  // Open nodes need their children; the directory ignores repeats and reloads after a data change.
  useEffect(() => {
    for (const row of rows) {
      if (row.kind !== 'region' || !row.expanded) continue;
      if (row.region.level === 'desa') directory.loadTps(row.region.code);
      else directory.loadChildren(row.region.code);
    }
  }, [rows, directory]);

  // Roots arrive after the first render: open them and put the tab stop on the first.
  useEffect(() => {
    if (roots.length === 0) return;
    setExpanded((current) => (roots.every((r) => current.has(r.code)) ? current : new Set([...current, ...roots.map((r) => r.code)])));
    setFocusKey((key) => key ?? roots[0]!.code);
  }, [roots]);

  useEffect(() => {
    if (!moveDomFocus.current || !focusKey) return;
    moveDomFocus.current = false;
    const element = rowElements.current.get(focusKey);
    element?.focus();
    element?.scrollIntoView({ block: 'nearest' });
  }, [focusKey, rows]);

  const tabStop = rows.some((r) => r.key === focusKey) ? focusKey : (rows[0]?.key ?? null);

  const focusRow = (row: TreeRow | undefined) => {
    if (!row) return;
    moveDomFocus.current = true;
    setFocusKey(row.key);
    onSelect(row);
  };

  const setOpen = (code: string, open: boolean) =>
    setExpanded((current) => {
      if (current.has(code) === open) return current;
      const next = new Set(current);
      if (open) next.add(code);
      else next.delete(code);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The row that has DOM focus, however it got it (Tab, click, a screen reader), is where keys act.
    const target = (event.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    const index = rows.findIndex((r) => r.key === (target?.dataset.code ?? tabStop));
    const row = rows[index];
    if (!row) return;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        focusRow(rows[index + 1]);
        break;
      case 'ArrowUp':
        focusRow(rows[index - 1]);
        break;
      case 'Home':
        focusRow(rows[0]);
        break;
      case 'End':
        focusRow(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (row.kind === 'region' && row.expandable) {
          if (!row.expanded) setOpen(row.key, true);
          else if (rows[index + 1]?.parentKey === row.key) focusRow(rows[index + 1]);
        }
        break;
      case 'ArrowLeft':
        if (row.kind === 'region' && row.expanded) setOpen(row.key, false);
        else focusRow(rows.find((r) => r.key === row.parentKey));
        break;
      case 'Enter':
      case ' ':
        onSelect(row);
        if (row.kind === 'region' && row.expandable) setOpen(row.key, !row.expanded);
        break;
      default:
        handled = jumpToTyped(event.key, index);
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const jumpToTyped = (key: string, from: number): boolean => {
    if (key.length !== 1 || !/\p{L}|\d/u.test(key)) return false;
    const now = Date.now();
    const ahead = typeAhead.current;
    ahead.text = now - ahead.at < 700 ? ahead.text + key.toLowerCase() : key.toLowerCase();
    ahead.at = now;
    const start = ahead.text.length > 1 ? from : from + 1;
    for (let i = 0; i < rows.length; i++) {
      const candidate = rows[(start + i) % rows.length]!;
      if (rowLabel(candidate).toLowerCase().startsWith(ahead.text)) {
        focusRow(candidate);
        break;
      }
    }
    return true;
  };

  return (
    <div className="tree" role="tree" aria-label="Wilayah" onKeyDown={onKeyDown}>
      {rows.map((row) => (
        <div
          key={row.key}
          ref={(element) => {
            if (element) rowElements.current.set(row.key, element);
            else rowElements.current.delete(row.key);
          }}
          role="treeitem"
          className={`tree-row tree-row--${row.kind === 'region' ? row.region.level : 'tps'}`}
          aria-level={row.depth}
          aria-posinset={row.posInSet}
          aria-setsize={row.setSize}
          aria-selected={row.key === selected}
          aria-expanded={row.kind === 'region' && row.expandable ? row.expanded : undefined}
          aria-busy={row.kind === 'region' && row.pending?.state === 'loading' ? true : undefined}
          data-code={row.key}
          tabIndex={row.key === tabStop ? 0 : -1}
          style={{ paddingInlineStart: `${0.5 + (row.depth - 1) * 1.1}rem` }}
          onFocus={() => setFocusKey(row.key)}
          onClick={() => {
            setFocusKey(row.key);
            onSelect(row);
          }}
          onDoubleClick={() => row.kind === 'region' && row.expandable && setOpen(row.key, !row.expanded)}
        >
          <span
            className="tree-toggle"
            aria-hidden="true"
            onClick={(event) => {
              if (row.kind !== 'region' || !row.expandable) return;
              event.stopPropagation();
              setFocusKey(row.key);
              setOpen(row.key, !row.expanded);
            }}
          >
            {row.kind === 'region' && row.expandable ? (row.expanded ? '▾' : '▸') : ''}
          </span>
          <RowContent row={row} />
        </div>
      ))}
    </div>
  );
}

function rowLabel(row: TreeRow): string {
  return row.kind === 'region' ? displayName(row.region.name) : `TPS ${row.tps.nomor}`;
}

function RowContent({ row }: { row: TreeRow }) {
  if (row.kind === 'tps') {
    const dpt = row.tps.dptL + row.tps.dptP;
    return (
      <>
        <span className="tree-name">TPS {String(row.tps.nomor).padStart(3, '0')}</span>
        <span className="tree-count">DPT {formatNumber(dpt)}</span>
      </>
    );
  }
  const { region, pending } = row;
  return (
    <>
      <span className="tree-name">
        <span className="tree-level">{levelWord(region)}</span> {displayName(region.name)}
      </span>
      {pending?.state === 'loading' && <span className="tree-note">memuat…</span>}
      {pending?.state === 'error' && <span className="tree-note tree-note--error">gagal dimuat</span>}
      <span className="tree-count" title={`${formatNumber(region.tpsCount)} TPS, DPT ${formatNumber(region.dptTotal)}`}>
        {formatNumber(region.tpsCount)} TPS
        <span className="tree-dpt"> · DPT {formatNumber(region.dptTotal)}</span>
      </span>
    </>
  );
}
