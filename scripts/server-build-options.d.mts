import type { BuildOptions } from 'esbuild'

/** How the server and the `koers` command are compiled (server-build-options.mjs). */
export declare const serverBuildOptions: BuildOptions
