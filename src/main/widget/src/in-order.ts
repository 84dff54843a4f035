// Runs async tasks one after another, in the order they were given. Two sends the SDK makes at
// once can be stored in either order, so a visitor's quick messages would otherwise show up
// shuffled; and a slow name lookup would let a later message be shown before an earlier one.

export class InOrder {
  private last: Promise<unknown> = Promise.resolve();

  /** Starts `task` once every task given before it has settled; a failed one does not stop the rest. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task);
    this.last = result.catch(() => {});
    return result;
  }
}
