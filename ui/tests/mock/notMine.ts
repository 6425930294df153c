// How a mock command file answers: each file owns some commands, and answers NOT_MINE for
// a command another file owns.
import type { Commands } from "../../src/ipc/contract";

export const NOT_MINE = Symbol("not mine");

/** One file's commands, each answering its args as the contract types them; the plugin
 * commands (`plugin:dialog|save`) take what the plugin sends. */
export type Handlers = { [K in keyof Commands]?: (args: Commands[K]["args"]) => unknown } & Record<`plugin:${string}`, (args: Record<string, unknown>) => unknown>;

/** The answer of `handlers`' command `cmd`, or NOT_MINE when they have none. */
export function answerWith(handlers: Handlers, cmd: string, payload: Record<string, unknown>): unknown {
  const handler = (handlers as Record<string, ((args: unknown) => unknown) | undefined>)[cmd];
  return handler ? handler(payload) : NOT_MINE;
}
