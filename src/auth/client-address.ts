/**
 * The address a login attempt comes from, for its rate limit. Without a proxy it is the
 * connection's peer: X-Forwarded-For is the client's to write. Behind `trustedProxies` reverse
 * proxies (KOERS_TRUST_PROXY), each proxy appends the address it was connected from, so the
 * client is that many entries from the right of the chain `X-Forwarded-For…, peer`; entries
 * further left are the client's own and are not believed.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const chain = [...(trustedProxies > 0 && forwardedFor ? forwardedFor.split(',').map((a) => a.trim()).filter((a) => a !== '') : []), peer ?? 'unknown']
  // A request that came with fewer hops than configured (past the proxy) is named by the leftmost address it has.
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!
}
