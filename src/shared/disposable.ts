/** Anything long-lived that the composition root must stop, in reverse order of start. */
export interface Disposable {
  dispose(): Promise<void>;
}

/** Disposes in reverse order; every dispose runs even if an earlier one throws, the first error is rethrown. */
export async function disposeAll(items: readonly Disposable[]): Promise<void> {
  let first: unknown;
  for (const item of [...items].reverse()) {
    try {
      await item.dispose();
    } catch (err) {
      first ??= err;
    }
  }
  if (first !== undefined) throw first;
}
