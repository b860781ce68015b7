/**
 * The worker side of two-core reading (see xml-events.ts): reads the file into one reused
 * buffer, runs the XML reader, and posts one event batch per chunk. Batches are written into a
 * fixed pool of buffers that the main thread sends back after replaying them, so the worker is
 * never more than `pool` batches ahead and memory stays flat however fast it reads.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { type BatchBuffers, EventRecorder, newBatchBuffers } from './xml-events.ts'
import { XmlReader, XmlSyntaxError } from './xml-reader.ts'

export interface TokenizeJob {
  path: string
  chunkSize: number
  /** How many batch buffers circulate: the most the worker can be ahead. */
  pool: number
  /** Where the main thread sends buffers back once it has replayed them. */
  returns: MessagePort
  /** Int32Array[1] on a SharedArrayBuffer, bumped with every buffer sent back (to wake the worker). */
  signal: SharedArrayBuffer
}

const job = workerData as TokenizeJob
const signal = new Int32Array(job.signal)
const free: BatchBuffers[] = Array.from({ length: job.pool }, newBatchBuffers)

/** A free pair of batch buffers, waiting for the main thread to return one if need be. */
function nextBuffers(): BatchBuffers {
  for (;;) {
    // Read the counter before looking: a buffer returned after the look bumps it, so the wait
    // below returns at once instead of sleeping through its timeout.
    const seen = Atomics.load(signal, 0)
    for (let m = receiveMessageOnPort(job.returns); m; m = receiveMessageOnPort(job.returns)) free.push(m.message as BatchBuffers)
    const buffers = free.pop()
    if (buffers) return buffers
    Atomics.wait(signal, 0, seen, 100)
  }
}

const recorder = new EventRecorder(nextBuffers)
const reader = new XmlReader(recorder)
const fd = openSync(job.path, 'r')
let bytesRead = 0

const send = (done: boolean): void => {
  const batch = recorder.take(bytesRead, done)
  parentPort!.postMessage(batch, [batch.events.buffer as ArrayBuffer, batch.bytes.buffer as ArrayBuffer])
}

// One buffer for every read: the reader copies what it keeps, the recorder copies values.
const chunk = Buffer.allocUnsafe(job.chunkSize)
try {
  for (;;) {
    const n = readSync(fd, chunk, 0, job.chunkSize, null)
    if (n === 0) break
    bytesRead += n
    reader.write(n === chunk.length ? chunk : chunk.subarray(0, n))
    send(false)
  }
  reader.end()
  send(true)
} catch (error) {
  if (!(error instanceof XmlSyntaxError)) throw error
  recorder.error(error)
  send(true)
} finally {
  closeSync(fd)
}
