/** Thrown at the end of an exhaustive switch: the compiler proves it unreachable, this proves it at run time. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
    this.name = 'UnreachableCaseError';
  }
}
