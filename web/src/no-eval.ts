/**
 * The server's Content-Security-Policy allows no eval. Zod compiles object parsers with
 * `new Function` unless told not to, and its probe for that is reported as a violation; the
 * web app parses little, so it parses without compiling. Imported first in main.tsx: schemas
 * decide when they are built (at import), so this must run before any module that builds one.
 */
import { z } from 'zod'

z.config({ jitless: true })
