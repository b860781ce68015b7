/**
 * The worker side of `waarnemerVerkeerErnaast` (build-waarneming.ts): makes the observing
 * region's traffic with the options it was given and posts the messages back.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type WaarnemerOpties, maakWaarnemerVerkeer } from './build-waarneming.ts'

parentPort!.postMessage(await maakWaarnemerVerkeer(workerData as WaarnemerOpties))
