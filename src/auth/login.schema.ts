/** The body of POST /api/auth/login (ADR 0032): pure, so the login form checks it with the same schema. */
import { z } from 'zod'

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(60),
  password: z.string().min(1).max(200),
})
