/**
 * The SQLite store: open (with migrations), and the queries the API, the CLI and the seeders use.
 * Everything the rest of the app needs from the database goes through these names.
 */
export { openStore, SCHEMA_VERSION, type Store } from './open.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export { getHomeRegion, setHomeRegion, isEmpty, isDemo } from './queries/meta.ts';
export { getRegion, listRegionChildren, getRegionDetail } from './queries/regions.ts';
export { listTps, getTps, type ListTpsQuery } from './queries/tps.ts';
export { getStatusSummary } from './queries/status.ts';
export { listElections, getElection } from './queries/elections.ts';
export { getSettings, updateSettings } from './queries/settings.ts';
export {
  appendAudit, listAudit, verifyAuditChain,
  type AuditInput, type AuditEntry, type AuditVerification,
} from './queries/audit.ts';
export { regionStatsDrift } from './region-stats.ts';
