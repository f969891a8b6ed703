import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** What ended: sessions (by id) and personal API tokens (by id). */
export interface Revocation {
  sessions: number[];
  tokens: number[];
}

/** Tells every API process about a revocation, and hears theirs. */
export interface RevocationChannel {
  publish(revocation: Revocation): Promise<void>;
  /** `onRevoked` for each revocation another process publishes; `onGap` when some may have been missed. */
  subscribe(handlers: { onRevoked(revocation: Revocation): void; onGap(): void }): void;
  close(): Promise<void>;
}

const CHANNEL = 'finsight:revocations';
const message = z.object({ sessions: z.array(z.number().int()), tokens: z.array(z.number().int()) });

/** One process, nobody to tell. */
export const localRevocations: RevocationChannel = {
  async publish() {},
  subscribe() {},
  async close() {},
};

/**
 * Revocations over Redis pub/sub, so every API process refuses an ended session's tokens at once rather
 * than at its next check against the database (within seconds either way). Pub/sub does not keep messages
 * for a subscriber that was disconnected: after a reconnection `onGap` tells the listener to forget what it
 * cached.
 */
export function redisRevocations(url: string, publisher: Redis, log: FastifyBaseLogger): RevocationChannel {
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  subscriber.on('error', (error) => log.warn({ err: error }, 'revocation channel: Redis unavailable'));
  return {
    async publish(revocation) {
      try {
        await publisher.publish(CHANNEL, JSON.stringify(revocation));
      } catch (error) {
        // The other processes' own checks against the database still catch it within seconds.
        log.warn({ err: error }, 'revocation channel: could not publish');
      }
    },
    subscribe({ onRevoked, onGap }) {
      let connectedBefore = false;
      subscriber.on('ready', () => {
        if (connectedBefore) onGap();
        connectedBefore = true;
      });
      subscriber.on('message', (_channel, text: string) => {
        try {
          onRevoked(message.parse(JSON.parse(text)));
        } catch {
          log.warn('revocation channel: ignored a malformed message');
        }
      });
      subscriber
        .connect()
        .then(() => subscriber.subscribe(CHANNEL))
        .catch((error: unknown) => log.warn({ err: error }, 'revocation channel: could not subscribe'));
    },
    async close() {
      subscriber.disconnect();
    },
  };
}
