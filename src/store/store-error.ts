/** The store's one error type: a code the HTTP and CLI edges map to a status or exit code, and a message in Chinese. */
export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    /** busy: the database stayed locked by another writer for longer than the store waits */
    readonly code: "notFound" | "immutable" | "conflict" | "invalid" | "busy",
    message: string,
  ) {
    super(message);
  }
}
