/**
 * The server yields with setImmediate (Node), which browsers lack; a zero-delay timer does the
 * same there: other messages run before the callback.
 */
export function installSetImmediate(): void {
  const scope = globalThis as { setImmediate?: unknown };
  scope.setImmediate ??= (callback: (...args: unknown[]) => void, ...args: unknown[]) => setTimeout(callback, 0, ...args);
}
