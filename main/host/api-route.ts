/**
 * `POST /api/<method>`: the JSON body is the method's input, the reply is its output (200) or an
 * ApiErrorBody with the status that matches its code. An empty body means `{}` (methods without input).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type ApiErrorCode } from '../../shared/api/contract.ts';
import { callMethod } from '../api/call-method.ts';
import type { Access, Api } from '../api/types.ts';

export const STATUS_OF_CODE: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  api: Api,
  methodName: string,
  access: Access,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendError(res, 405, new ApiError('invalid_input', 'gunakan POST untuk memanggil API'));
  }
  const body = await readBody(req, maxBodyBytes);
  if (body === 'too_large') {
    res.setHeader('Connection', 'close');
    return sendError(res, 413, new ApiError('invalid_input', `badan permintaan melebihi ${maxBodyBytes} bita`));
  }
  if (body === 'aborted') return;

  let input: unknown = {};
  if (body.length > 0) {
    // Requiring JSON keeps cross-site "simple" requests (forms, text/plain) out even without an Origin check.
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return sendError(res, 415, new ApiError('invalid_input', 'Content-Type harus application/json'));
    }
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, new ApiError('invalid_input', 'badan permintaan bukan JSON yang sah'));
    }
  }

  try {
    const output = await callMethod(api, methodName, input, access, { face: 'browser' });
    sendJson(res, 200, output);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError('internal', 'terjadi kesalahan internal');
    sendError(res, STATUS_OF_CODE[apiError.code], apiError);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain without keeping it
    return Promise.resolve('too_large');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: Buffer | 'too_large' | 'aborted') => {
      if (done) return;
      done = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        req.resume();
        finish('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', () => finish('aborted'));
    req.on('aborted', () => finish('aborted'));
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ApiError): void {
  sendJson(res, status, error.toBody());
}
