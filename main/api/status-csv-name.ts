/**
 * The status CSV's file name: `status-<region>.csv` for all races; with a race, its kind after the region
 * (status-3506-bupati.csv), and the race's own region too when the board region holds several races of
 * that kind (a province's board: status-35-bupati-3506.csv); a status filter last (status-3506-withheld.csv).
 */
import type { Election, TpsStatus } from '../../shared/domain/types.ts';

export function statusCsvFileName(regionCode: string, election: Pick<Election, 'jenis' | 'regionCode'> | null, status?: TpsStatus): string {
  const parts = ['status', regionCode];
  if (election) {
    parts.push(election.jenis);
    if (election.regionCode.length > regionCode.length) parts.push(election.regionCode);
  }
  if (status) parts.push(status);
  return `${parts.join('-')}.csv`;
}
