import * as fs from 'node:fs';
import * as os from 'node:os';

/**
 * The threads of a process and their priorities, for the CLI on machines with few cores (Linux
 * only: /proc names the threads, and a priority set on a thread's id is that thread's alone;
 * elsewhere an id would be a process's, so nothing is done). Lowering a priority needs no
 * privilege; raising it back would, so each is lowered only for the rest of a process that ends
 * with its run.
 */
const LOWEST = 19;

/** The ids of a process's threads (its main thread's is the process id); none without /proc. */
export function threadsOf(pid = process.pid): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/** A thread's scheduling state (`R`: running) and nice value; undefined when it has ended or there is no /proc. */
export function threadStat(thread: number, pid = process.pid): { readonly state: string; readonly nice: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
    // The fields after the command name, which ends at the last `)`: the state, then the nice value 16 fields on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, nice: Number(fields[16]) };
  } catch {
    return undefined;
  }
}

/**
 * Lowers the calling thread's priority: for a helper thread (the CLI's read-ahead thread), which
 * should run where a core would be idle, never in place of the main thread or of V8's helpers.
 */
export function lowerThisThread(): void {
  if (process.platform !== 'linux') return;
  try {
    const thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread) && thread > 0) os.setPriority(thread, LOWEST);
  } catch {
    // Not allowed, or no /proc: the thread keeps the process's priority.
  }
}

/**
 * Lowers the priority of every thread of this process but the main one: V8's compiler and
 * garbage-collector helpers, which Node starts with the process (four by default). On two cores
 * they took the main thread's core in bursts: linting 2,000 files, the main thread waited 110 to
 * 160 ms to be scheduled; with them at the lowest priority, 20 to 45 ms. They still get every
 * idle core. Call it on the main thread.
 */
export function lowerOtherThreads(): void {
  if (process.platform !== 'linux') return;
  for (const thread of threadsOf()) {
    if (thread === process.pid) continue;
    try {
      os.setPriority(thread, LOWEST);
    } catch {
      // A thread that ended since the folder was read.
    }
  }
}
