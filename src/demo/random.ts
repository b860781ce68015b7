/** A small seeded PRNG (mulberry32), so the demo region is the same for the same seed. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  int(min: number, maxInclusive: number): number
  pick<T>(items: readonly T[]): T
  /** A pseudonym-style 12-character id drawn from this generator. */
  bytes(n: number): Uint8Array
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  }
}

/** A BSN that passes the elfproef, drawn from `random`. Demo BSNs belong to no one we know of. */
export function demoBsn(random: Random): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? random.int(1, 9) : random.int(0, 9)))
    const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0)
    const check = sum % 11
    if (check < 10) return digits.join('') + String(check)
  }
}
