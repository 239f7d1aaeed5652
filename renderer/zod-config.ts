/**
 * Imported first by main.tsx, before any schema is built: zod otherwise probes whether `new
 * Function` works, which the page's Content-Security-Policy (no 'unsafe-eval') refuses, and every
 * page load would log a CSP violation. Interpreted schemas are fast enough for the few the page checks.
 */
import { z } from 'zod';

z.config({ jitless: true });
