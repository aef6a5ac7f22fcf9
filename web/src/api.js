// The API client: JSON in and out, the CSRF header on every change, errors as ApiError.
import { session } from './session.js';

// What to do when the server says the session has ended (401) while someone was logged in:
// set by the router (main.js), which sends the user to the login and back.
export const expiry = { handler: null };

export class ApiError extends Error {
  constructor(message, status, code, reason, args) {
    super(message);
    this.status = status;
    this.code = code;
    // The detail as a code and arguments when the server knows the sentence (errd_<reason>).
    this.reason = reason;
    this.args = args;
  }
}

async function send(method, path, body, contentType) {
  const headers = { 'Content-Type': contentType };
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  // A 401 on any route but the session's own (a wrong password there is also 401) means the
  // session expired mid-use; the login's own answers are the login form's business.
  if (res.status === 401 && session.user && !path.startsWith('/api/v1/session')) {
    expiry.handler?.();
  }
  if (res.headers.get('Content-Type')?.startsWith('application/json')) {
    const data = await res.json();
    // Errors are {"code": "NOT_FOUND", "message": "...", "reason": "no_run", "args": {...}}.
    if (!res.ok) {
      throw new ApiError(
        data.message || String(res.status),
        res.status,
        data.code,
        data.reason,
        data.args,
      );
    }
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
