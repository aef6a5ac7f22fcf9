// The API client: JSON in and out, the CSRF header on every change, errors as ApiError.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function send(method, path, body, contentType) {
  const headers = { 'Content-Type': contentType };
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (res.headers.get('Content-Type')?.startsWith('application/json')) {
    const data = await res.json();
    // Errors are {"code": "NOT_FOUND", "message": "..."}.
    if (!res.ok) throw new ApiError(data.message || String(res.status), res.status, data.code);
    return data;
  }
  if (!res.ok) throw new ApiError(String(res.status), res.status);
  return res; // not JSON (an xlsx file): the caller reads the body
}

// A JSON request; resolves to the parsed body (or the Response when it is not JSON).
export const api = (method, path, body) =>
  send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');

// Sends a file's bytes as the body (imports, evidence).
export const upload = (path, file, method = 'POST') =>
  send(method, path, file, 'application/octet-stream');
