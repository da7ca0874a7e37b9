import type { Config } from '../config';
import type { Logger } from '../shared/logger';
import { InMemoryPubSub, type PubSub } from './pubsub';

/**
 * The pub/sub the configuration asks for: Redis when REDIS_URL is set (several instances), else in-process.
 * The Redis module (and ioredis with it) is loaded only in the first case, so a single process never loads
 * a Redis client.
 */
export async function openPubSub(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, logger: Logger): Promise<PubSub> {
  if (config.redisUrl === null) return new InMemoryPubSub();
  const { RedisPubSub } = await import('./redis-pubsub');
  return RedisPubSub.open({ url: config.redisUrl, prefix: config.redisPrefix, logger });
}
