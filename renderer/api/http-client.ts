/**
 * Browser mode's face of the API: each method is `POST /api/<method>` with the input as JSON, events arrive
 * on the WebSocket. Implements the same `PlenoApi` type the Electron preload exposes, so views cannot tell
 * the two faces apart.
 */
import {
  ApiError,
  ApiErrorBody,
  methodNames,
  type ApiErrorCode,
  type MethodName,
  type PlenoApi,
} from '../../shared/api/contract.ts';
import { ConnectionStore } from './connection.ts';
import { EventSocket } from './event-socket.ts';

export interface HttpApiOptions {
  /** Where the host is, e.g. `http://192.168.1.20:5780`; the page's own origin by default. */
  origin: string;
  /** Grants operator methods when the host requires it (see operator-token.ts). */
  operatorToken: string | null;
}

export function createHttpApi(options: HttpApiOptions): { api: PlenoApi; connection: ConnectionStore } {
  const connection = new ConnectionStore('connecting');
  const socketUrl = new URL('/api/events', options.origin);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new EventSocket(socketUrl.href, connection);

  const call = (method: MethodName, input: unknown) => postMethod(options, method, input);
  const api: Record<string, unknown> = { on: socket.on.bind(socket) };
  for (const name of methodNames) api[name] = (input: unknown) => call(name, input);
  return { api: api as PlenoApi, connection };
}

async function postMethod(options: HttpApiOptions, method: MethodName, input: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.operatorToken) headers.authorization = `Bearer ${options.operatorToken}`;
  let response: Response;
  try {
    response = await fetch(new URL(`/api/${method}`, options.origin), {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('internal', 'Tidak dapat menghubungi server Pleno. Periksa jaringan atau apakah server masih berjalan.');
  }
  const body = await readJson(response);
  if (response.ok) return body;
  const error = ApiErrorBody.safeParse(body);
  if (error.success) throw new ApiError(error.data.code, error.data.message, error.data.issues);
  throw new ApiError(codeForStatus(response.status), `Server Pleno menjawab dengan galat ${response.status}.`);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (response.ok) throw new ApiError('internal', 'Jawaban server Pleno tidak dapat dibaca.');
    return undefined;
  }
}

function codeForStatus(status: number): ApiErrorCode {
  if (status === 400 || status === 422) return 'invalid_input';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return 'internal';
}
