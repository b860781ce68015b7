/** Every router of the API is made here, so that every route answers invalid input the same way. */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './context.ts'
import { fromZod } from './errors.ts'

export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZod(result.error as never)
    },
  })
}
