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
