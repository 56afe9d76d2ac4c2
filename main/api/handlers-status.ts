/**
 * API handlers for the status board (shared/api/methods/status.ts): TPS rows with notes, the counts per
 * state, and the CSV export — all races combined, or one race when `electionId` is given.
 */
import { ApiError } from '../../shared/api/contract.ts';
import type { Election } from '../../shared/domain/types.ts';
import { getElection } from '../store/queries/elections.ts';
import { getRegion, getRegionDetail, listRegionChildren } from '../store/queries/regions.ts';
import { allStatusBoardRows, listStatusBoardRows } from '../store/queries/status-board.ts';
import { raceBoardCounts } from '../store/queries/status-race.ts';
import type { Store } from '../store/open.ts';
import { statusCsv } from './status-csv.ts';
import { statusCsvFileName } from './status-csv-name.ts';
import type { Handlers } from './types.ts';

type StatusHandlers = Pick<Handlers, 'listStatusBoardTps' | 'exportStatusCsv' | 'getStatusCounts'>;

export function createStatusHandlers(deps: { store: Store }): StatusHandlers {
  const { store } = deps;
  const requireRegion = (code: string) => {
    if (!getRegion(store, code)) throw new ApiError('not_found', `wilayah tidak ditemukan: ${code}`);
  };
  const requireElection = (id: number | undefined): Election | null => {
    if (id === undefined) return null;
    const election = getElection(store, id);
    if (!election) throw new ApiError('not_found', `pemilihan tidak ditemukan: ${id}`);
    return election;
  };
  return {
    listStatusBoardTps: (query) => {
      requireRegion(query.regionCode);
      requireElection(query.electionId);
      return listStatusBoardRows(store, query);
    },
    exportStatusCsv: ({ regionCode, status, electionId }) => {
      requireRegion(regionCode);
      const election = requireElection(electionId);
      const rows = allStatusBoardRows(store, regionCode, status, electionId);
      return {
        fileName: statusCsvFileName(regionCode, election, status),
        csv: statusCsv(rows, election ? { race: election.name } : undefined),
        rows: rows.length,
      };
    },
    getStatusCounts: ({ regionCode, electionId }) => {
      const election = requireElection(electionId);
      if (election) {
        const counts = raceBoardCounts(store, election, regionCode);
        if (!counts) throw new ApiError('not_found', `wilayah tidak ditemukan: ${regionCode}`);
        return counts;
      }
      const detail = getRegionDetail(store, regionCode);
      if (!detail) throw new ApiError('not_found', `wilayah tidak ditemukan: ${regionCode}`);
      return { region: detail.region, children: detail.region.level === 'desa' ? [] : listRegionChildren(store, regionCode) };
    },
  };
}
