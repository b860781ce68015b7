/**
 * The bench contract's products (codes the demo does not use) and tariffs in cents an hour,
 * shared by setup and the generated 323.
 */
export const BENCH_CODES = ['45Z91', '45Z92', '45Z93'] as const
export const BENCH_TARIFFS: Record<(typeof BENCH_CODES)[number], number> = { '45Z91': 7250, '45Z92': 8100, '45Z93': 9000 }
