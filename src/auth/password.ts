/** Passwords are hashed with argon2id (OWASP's first choice), through @node-rs/argon2. */
import { hash, verify } from '@node-rs/argon2'

// OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1.
const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash to verify against when the username is unknown, so both paths take the same time. */
let dummyHash: Promise<string> | undefined
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('koers-dummy-password-for-constant-time')
  return dummyHash
}
