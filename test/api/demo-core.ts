/** A real core over an in-memory SQLite store seeded with the Kediri demo, outputs checked against the contract. */
import { startCore, type AppCore } from '../../main/bootstrap.ts';
import type { MethodName } from '../../shared/api/contract.ts';

export type TestCore = AppCore & { internalErrors: { error: unknown; method: MethodName }[] };

export function demoCore(options: { seedDemo?: boolean } = {}): TestCore {
  const internalErrors: { error: unknown; method: MethodName }[] = [];
  const core = startCore({
    dbPath: ':memory:',
    face: 'electron',
    seedDemo: options.seedDemo ?? true,
    validateOutputs: true,
    dataDir: '/data/Pleno',
    // Recorded instead of printed: tests assert on what was reported.
    onInternalError: (error, method) => internalErrors.push({ error, method }),
  });
  return Object.assign(core, { internalErrors });
}
