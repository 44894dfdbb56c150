// The Content-Security-Policy of the app's pages, however they are served (Electron's session,
// the web host): our own scripts and styles only, no remote origin, no plugins, no framing.
// The one statement of it: the hosts send it as a header, and the build writes it into the page
// itself (electron.vite.config.ts), less what a page's own <meta> may not say.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The policy as the page's <meta> carries it: browsers ignore `frame-ancestors` there (the header says it). */
export const PAGE_META_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
