/** Starts the HTTP server; a port in use is one clear line, not a stack trace. */
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { AppError } from '../shared/errors.ts'
import type { createApp } from './app.ts'

export function listen(app: ReturnType<typeof createApp>, port: number, hostname: string): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }) as Server
    server.once('listening', () => resolvePromise(server))
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new AppError('server.port_in_use', `port ${port} is already in use (set PORT to another port)`))
      else if (error.code === 'EACCES') reject(new AppError('server.port_not_permitted', `no permission to listen on port ${port}`))
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new AppError('server.host_unknown', `HOST ${hostname} is not an address of this machine`))
      else reject(error)
    })
  })
}
