/**
 * Main-process side of the preload bridge: one `ipcMain.handle` per contract method, each checking who
 * is asking before anything else. A call is served only when it comes from the top frame of one of our
 * own windows, showing a page on app://; the window decides the access level (the console is the local
 * operator, the projector a mere viewer). The payload is then validated by the API's own edge
 * (`callMethod`), so IPC and HTTP refuse exactly the same inputs.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ApiError, methodNames, type ApiErrorBody, type MethodName } from '../../shared/api/contract.ts';
import type { EventBus } from '../api/events.ts';
import { isAppUrl, type WindowRole } from './app-origin.ts';
import { EVENT_CHANNEL, methodChannel, type IpcEventMessage, type IpcResult } from './ipc-channels.ts';

export type Access = 'operator' | 'viewer';

/** The API's validated entry point, already bound to the API object. */
export type MethodCaller = (name: MethodName, rawInput: unknown, access: Access) => Promise<unknown>;

export const ROLE_ACCESS: Record<WindowRole, Access> = { console: 'operator', projector: 'viewer' };

/** Which of our windows' WebContents play which role; filled as windows are created. */
export type SenderRegistry = {
  add(contents: WebContents, role: WindowRole): void;
  roleOf(contentsId: number): WindowRole | undefined;
  /** Live WebContents of every registered window, for pushing events. */
  all(): WebContents[];
};

export function createSenderRegistry(): SenderRegistry {
  const byId = new Map<number, { contents: WebContents; role: WindowRole }>();
  return {
    add(contents, role) {
      const id = contents.id;
      byId.set(id, { contents, role });
      contents.once('destroyed', () => byId.delete(id));
    },
    roleOf: (id) => byId.get(id)?.role,
    all: () => [...byId.values()].map((e) => e.contents).filter((c) => !c.isDestroyed()),
  };
}

export type SenderCheck = { ok: true; access: Access } | { ok: false; reason: string };

export function checkSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, registry: SenderRegistry): SenderCheck {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'bingkai pengirim sudah tidak ada' };
  if (frame.parent !== null) return { ok: false, reason: 'pengirim bukan bingkai utama' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: `asal pengirim tidak dikenal: ${frame.url}` };
  const role = registry.roleOf(event.sender.id);
  if (!role) return { ok: false, reason: 'pengirim bukan jendela Pleno' };
  return { ok: true, access: ROLE_ACCESS[role] };
}

export type IpcLog = (message: string, error?: unknown) => void;

export async function handleInvoke(
  name: MethodName,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  payload: unknown,
  deps: { call: MethodCaller; registry: SenderRegistry; log: IpcLog },
): Promise<IpcResult> {
  const sender = checkSender(event, deps.registry);
  if (!sender.ok) {
    deps.log(`IPC ${name} ditolak: ${sender.reason}`);
    return { ok: false, error: { code: 'forbidden', message: 'Permintaan ditolak: pengirim tidak dikenal.' } };
  }
  try {
    const value = await deps.call(name, payload, sender.access);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorBody(name, error, deps.log) };
  }
}

function toErrorBody(name: MethodName, error: unknown, log: IpcLog): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  // Unexpected failures are logged in full here and reach the window only as a generic message.
  log(`IPC ${name} gagal`, error);
  return { code: 'internal', message: 'Terjadi kesalahan di dalam aplikasi. Lihat log untuk rinciannya.' };
}

/** Registers every contract method; returns a function that removes them again. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  deps: { call: MethodCaller; registry: SenderRegistry; log: IpcLog },
): () => void {
  for (const name of methodNames) {
    ipcMain.handle(methodChannel(name), (event, payload: unknown) => handleInvoke(name, event, payload, deps));
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(methodChannel(name));
  };
}

/** Pushes every API event to every open Pleno window. */
export function forwardEvents(bus: Pick<EventBus, 'onAny'>, registry: SenderRegistry, log: IpcLog): () => void {
  return bus.onAny((event, payload) => {
    const message: IpcEventMessage = { event, payload };
    for (const contents of registry.all()) {
      try {
        contents.send(EVENT_CHANNEL, message);
      } catch (error) {
        log(`peristiwa ${event} tidak terkirim ke jendela ${contents.id}`, error);
      }
    }
  });
}
