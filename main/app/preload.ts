/**
 * The preload of every Pleno window (sandboxed, context-isolated). Bundled to CommonJS by
 * scripts/build-main.mjs, which also fills in the method and event names from the contract at build
 * time, so this file never loads zod or the schemas.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { EventName, MethodName, PlenoApi } from '../../shared/api/contract.ts';
import { createPlenoBridge } from './preload-bridge.ts';

declare const __PLENO_METHOD_NAMES__: readonly MethodName[];
declare const __PLENO_EVENT_NAMES__: readonly EventName[];

const pleno: PlenoApi = createPlenoBridge(ipcRenderer, __PLENO_METHOD_NAMES__, __PLENO_EVENT_NAMES__);

contextBridge.exposeInMainWorld('pleno', pleno);
