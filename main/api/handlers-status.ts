/** API handlers for the status board (shared/api/methods/status.ts): TPS rows with notes, and the CSV export. */
import { ApiError } from '../../shared/api/contract.ts';
import { getRegion } from '../store/queries/regions.ts';
import { allStatusBoardRows, listStatusBoardRows } from '../store/queries/status-board.ts';
import type { Store } from '../store/open.ts';
import { statusCsv } from './status-csv.ts';
import type { Handlers } from './types.ts';

type StatusHandlers = Pick<Handlers, 'listStatusBoardTps' | 'exportStatusCsv'>;

export function createStatusHandlers(deps: { store: Store }): StatusHandlers {
  const { store } = deps;
  const requireRegion = (code: string) => {
    if (!getRegion(store, code)) throw new ApiError('not_found', `wilayah tidak ditemukan: ${code}`);
  };
  return {
    listStatusBoardTps: (query) => {
      requireRegion(query.regionCode);
      return listStatusBoardRows(store, query);
    },
    exportStatusCsv: ({ regionCode, status }) => {
      requireRegion(regionCode);
      const rows = allStatusBoardRows(store, regionCode, status);
      return { fileName: `status-${regionCode}${status ? `-${status}` : ''}.csv`, csv: statusCsv(rows), rows: rows.length };
    },
  };
}
