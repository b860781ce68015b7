/**
 * The checkout's root, for files the product reads beside its code (the built web app). In the
 * sources this file is src/shared/project-root.ts; in the compiled build (scripts/build-server.mjs,
 * ADR 0024) it is part of dist/koers.mjs, and esbuild defines KOERS_COMPILED.
 */
import { resolve } from 'node:path'

declare const KOERS_COMPILED: boolean | undefined

/** True when running the compiled bundle in dist/, false when running the TypeScript sources. */
export const compiled = typeof KOERS_COMPILED !== 'undefined' && KOERS_COMPILED

export const projectRoot = resolve(import.meta.dirname, compiled ? '..' : '../..')
