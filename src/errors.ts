/**
 * One error module. Inside the library, only programmer errors throw; expected failures of input
 * are results with problems. At the CLI and HTTP edges, an InputError becomes exit code 2 or a 4xx
 * with its message (what, where, what to do), never a stack trace.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    message: string,
    readonly where?: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  /** "文件 x.txt：message。hint" */
  describe(): string {
    return [this.where ? `${this.where}：${this.message}` : this.message, this.hint].filter(Boolean).join("。");
  }
}
