// Who is logged in, the CSRF token and the pages the server lets this user see.
// The server owns the role table: `pages` comes from GET/POST /api/v1/session.
export const session = { user: null, csrf: '', pages: [] };

export function setSession(r) {
  session.user = r?.user ?? null;
  session.csrf = r?.csrf ?? '';
  session.pages = Array.isArray(r?.pages) ? r.pages : [];
}

// True when the logged-in user has one of the roles.
export const hasRole = (...roles) => roles.includes(session.user?.role);
