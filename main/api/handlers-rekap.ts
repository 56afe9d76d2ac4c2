/** API handlers for the rekap (shared/api/methods/rekap.ts): totals, D.Hasil rows and checks from the engine. */
import { ApiError } from '../../shared/api/contract.ts';
import type { RekapError } from '../rekap/index.ts';
import type { RekapHolder } from '../pleno/index.ts';
import type { Handlers } from './types.ts';

type RekapHandlers = Pick<Handlers, 'getRekap' | 'getRekapTps'>;

export function createRekapHandlers(deps: { rekap: RekapHolder }): RekapHandlers {
  const { rekap } = deps;
  return {
    getRekap: ({ electionId, regionCode, failingLimit }) => {
      const engine = rekap.engine();
      const totals = engine.getTotals(regionCode, electionId);
      if (!totals.ok) throw rekapApiError(totals.error);
      const children = engine.getChildTotals(regionCode, electionId);
      const checks = engine.getChecks(regionCode, electionId, { limit: failingLimit });
      if (!children.ok) throw rekapApiError(children.error);
      if (!checks.ok) throw rekapApiError(checks.error);
      return { totals: totals.value, children: children.value, checks: checks.value };
    },
    getRekapTps: ({ electionId, tpsCode }) => {
      const tps = rekap.engine().getTps(tpsCode, electionId);
      if (!tps.ok) throw rekapApiError(tps.error);
      return tps.value;
    },
  };
}

/** The engine's expected failures in the API's terms. */
export function rekapApiError(error: RekapError): ApiError {
  switch (error.code) {
    case 'unknown_election':
    case 'unknown_region':
    case 'unknown_tps':
      return new ApiError('not_found', error.message);
    case 'outside_election':
      return new ApiError('invalid_input', error.message, [{ path: error.tpsCode ? 'tpsCode' : 'regionCode', message: error.message }]);
    case 'unknown_field':
    case 'invalid_value':
      return new ApiError('invalid_input', error.message, [{ path: 'fieldId', message: error.message }]);
    default:
      return new ApiError('conflict', error.message);
  }
}
