// Stand-ins for the Odoo services the components use: orm.searchCount and action.doAction,
// as jest mocks so tests can assert on the calls.
import type { DomainListRepr } from "@web/core/domain";

export type CountAnswer = number | Error | Promise<number>;
export type CountResolver = (model: string, domain: DomainListRepr) => CountAnswer;

export function makeOrmService(resolve: CountResolver) {
  return {
    searchCount: jest.fn(async (model: string, domain: DomainListRepr): Promise<number> => {
      const answer = resolve(model, domain);
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    }),
  };
}

export function makeActionService() {
  return { doAction: jest.fn(async (_action: unknown, _options?: unknown): Promise<void> => undefined) };
}

/** An error shaped like Odoo's RPCError (addons/web/static/src/core/network/rpc.js). */
export function makeRpcError(exceptionName: string, message: string): Error {
  return Object.assign(new Error("Odoo Server Error"), {
    name: "RPC_ERROR",
    type: "server",
    code: 200,
    exceptionName,
    data: { name: exceptionName, message, debug: "Traceback (most recent call last): …" },
  });
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function makeDeferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function makeNotificationService() {
  return { add: jest.fn((_message: string, _options?: Record<string, unknown>) => () => undefined) };
}

/** The mail.store surface the activity patches use: threads by record, the broadcast channel. */
export function makeMailStore() {
  const threads = new Map<string, { model: string; id: number; fetchNewMessages: jest.Mock<Promise<void>, []> }>();
  return {
    threads,
    Thread: {
      insert: jest.fn(({ model, id }: { model: string; id: number }) => {
        const key = `${model},${id}`;
        let thread = threads.get(key);
        if (!thread) {
          thread = { model, id, fetchNewMessages: jest.fn(async () => undefined) };
          threads.set(key, thread);
        }
        return thread;
      }),
    },
    activityBroadcastChannel: { postMessage: jest.fn((_message: unknown) => undefined) },
    /** the systray's groups, as res.users._get_activity_groups answers them */
    activityGroups: [] as Record<string, unknown>[],
    fetchStoreData: jest.fn(async (_name: string) => undefined),
  };
}

export type CallAnswer = unknown | Error | Promise<unknown>;
export type CallResolver = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) => CallAnswer;

/** orm.call as a jest mock: `resolve` answers each call; an Error (or a rejected promise) fails it. */
export function makeCallOrmService(resolve: CallResolver) {
  return {
    call: jest.fn(async (model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}) => {
      const answer = await resolve(model, method, args, kwargs);
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    }),
  };
}
