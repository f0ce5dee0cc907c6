/** Undo/redo of the document: snapshots (JSON text) before each edit; a new edit clears what could be redone. */
export class History<T> {
  private readonly undoStack: string[] = [];
  private readonly redoStack: string[] = [];
  constructor(private readonly limit = 200) {}

  /** Call before changing `current`. */
  push(current: T): void {
    this.undoStack.push(JSON.stringify(current));
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  undo(current: T): T | undefined {
    const prev = this.undoStack.pop();
    if (prev === undefined) return undefined;
    this.redoStack.push(JSON.stringify(current));
    return JSON.parse(prev) as T;
  }

  redo(current: T): T | undefined {
    const next = this.redoStack.pop();
    if (next === undefined) return undefined;
    this.undoStack.push(JSON.stringify(current));
    return JSON.parse(next) as T;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }
}
