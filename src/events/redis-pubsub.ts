import Redis from 'ioredis';
import type { Logger } from '../shared/logger';
import type { PubSub } from './pubsub';

export interface RedisPubSubOptions {
  /** `redis://host:port[/db]` or `rediss://…` (REDIS_URL). */
  url: string;
  /** Prepended to every channel name (REDIS_PREFIX), so several deployments or test runs can share one Redis. */
  prefix: string;
  logger: Logger;
  /**
   * Every local subscriber is also woken at this interval, milliseconds (default 5000; 0 = never). A wake-up
   * lost between instances (a publish that failed, a message dropped during a reconnect) then delays a
   * subscriber by at most this long instead of until the next event on its channel. Each wake costs one
   * indexed read of the event log per process (the shared reader, log-reader.ts, is the one local handler).
   */
  catchUpIntervalMs?: number;
  /** How long `open` waits for both connections before going on without them, milliseconds (default 3000). */
  connectWaitMs?: number;
}

type Handler = (message: string) => void;

/** Upper bound of the wait between reconnect attempts, milliseconds. */
const MAX_RECONNECT_DELAY_MS = 1000;
/** A publish that has not answered by then fails, so a push answer never waits on a stuck Redis, milliseconds. */
const COMMAND_TIMEOUT_MS = 1000;

/**
 * Wake-ups between gateway instances over Redis pub/sub: one connection publishes, one subscribes to the
 * channels that local streams listen on. Messages stay what they are in-process, hints to re-read the event
 * log from a cursor, so losing or doubling one never loses or doubles an event.
 *
 * Outage contract: while either connection is down `healthy` is false (readiness fails, pushes get 503) and a
 * publish fails at once instead of queueing. Both connections reconnect on their own; when the subscriber is
 * back it subscribes again and then wakes every local subscriber once, and channels whose publish failed are
 * published again once the publisher is back, so everything committed meanwhile is read.
 */
export class RedisPubSub implements PubSub {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly unpublished = new Map<string, string>();
  private readonly timer: NodeJS.Timeout | null;
  private disposed = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly o: RedisPubSubOptions,
  ) {
    sub.on('message', (channel: string, message: string) => {
      if (channel.startsWith(o.prefix)) this.deliver(channel.slice(o.prefix.length), message);
    });
    sub.on('ready', () => void this.resubscribe());
    pub.on('ready', () => void this.republish());
    const interval = o.catchUpIntervalMs ?? 5000;
    this.timer = interval > 0 ? setInterval(() => this.wakeAll(), interval) : null;
    this.timer?.unref();
  }

  /** Connects both connections (waiting up to `connectWaitMs`; an unreachable Redis is retried in the background). */
  static async open(o: RedisPubSubOptions): Promise<RedisPubSub> {
    const log = o.logger.child({ component: 'redis' });
    const connect = (role: string): Redis => {
      const redis = new Redis(o.url, {
        enableOfflineQueue: false,
        autoResubscribe: false,
        autoResendUnfulfilledCommands: false,
        maxRetriesPerRequest: 0,
        commandTimeout: COMMAND_TIMEOUT_MS,
        connectTimeout: 2000,
        retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
      });
      let down = false;
      redis.on('error', (err: Error) => {
        if (!down) log.warn({ role, err: err.message }, 'Redis connection failed; retrying');
        down = true;
      });
      redis.on('ready', () => {
        if (down) log.info({ role }, 'Redis connection back');
        down = false;
      });
      return redis;
    };
    const pubsub = new RedisPubSub(connect('publisher'), connect('subscriber'), o);
    await pubsub.whenReady(o.connectWaitMs ?? 3000);
    if (!pubsub.healthy) log.warn('Redis not reachable at start; going on, readiness stays false until it is');
    return pubsub;
  }

  get healthy(): boolean {
    return !this.disposed && this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async publish(channel: string, message: string): Promise<void> {
    try {
      await this.pub.publish(this.o.prefix + channel, message);
      this.unpublished.delete(channel);
    } catch (err) {
      this.unpublished.set(channel, message);
      throw err;
    }
  }

  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      this.handlers.set(channel, (set = new Set()));
      // While disconnected the channel is subscribed on reconnect (resubscribe), which also wakes the handler.
      if (this.sub.status === 'ready') await this.sub.subscribe(this.o.prefix + channel).catch(() => undefined);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size > 0 || this.handlers.get(channel) !== set) return;
      this.handlers.delete(channel);
      if (this.sub.status === 'ready') this.sub.unsubscribe(this.o.prefix + channel).catch(() => undefined);
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.handlers.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private deliver(channel: string, message: string): void {
    for (const handler of [...(this.handlers.get(channel) ?? [])]) handler(message);
  }

  private wakeAll(): void {
    for (const channel of [...this.handlers.keys()]) this.deliver(channel, '');
  }

  /** After a (re)connect: subscribe every local channel first, then wake them all to re-read what they missed. */
  private async resubscribe(): Promise<void> {
    const channels = [...this.handlers.keys()].map((c) => this.o.prefix + c);
    if (channels.length > 0) await this.sub.subscribe(...channels).catch(() => undefined);
    this.wakeAll();
  }

  private async republish(): Promise<void> {
    for (const [channel, message] of [...this.unpublished]) await this.publish(channel, message).catch(() => undefined);
  }

  private whenReady(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.healthy || Date.now() >= deadline) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
  }
}
