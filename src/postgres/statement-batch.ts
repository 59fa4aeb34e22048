/** A unit's item waiting for the next statement, and how to hand it its outcome. */
interface Waiting<Item, Outcome> {
  item: Item;
  settle: (outcome: Outcome) => void;
  fail: (error: unknown) => void;
}

/**
 * Group commit: items that arrive while a statement runs go together in the next one, so under load many units of
 * work share one statement and one transaction, the way a database batches commits; alone, an item waits for nobody.
 * One statement runs at a time: a second one beside it would only split the items of the moment in two.
 *
 * @example
 * const squares = new StatementBatch<number, number>(async (numbers) => numbers.map((n) => n * n), 500);
 * await Promise.all([squares.submit(2), squares.submit(3)]) // [4, 9], the second in the next statement
 */
export class StatementBatch<Item, Outcome> {
  readonly #execute: (items: Item[]) => Promise<Outcome[]>;
  readonly #maxItems: number;
  #waiting: Array<Waiting<Item, Outcome>> = [];
  #running = false;

  /** `execute` runs one statement for the items and returns each one's outcome, in order; at most `maxItems` each. */
  constructor(execute: (items: Item[]) => Promise<Outcome[]>, maxItems: number) {
    this.#execute = execute;
    this.#maxItems = maxItems;
  }

  /** The item's outcome once a statement has run with it; rejected with the statement's error if it failed. */
  submit(item: Item): Promise<Outcome> {
    return new Promise((settle, fail) => {
      this.#waiting.push({ item, settle, fail });
      if (!this.#running) void this.#run();
    });
  }

  async #run(): Promise<void> {
    this.#running = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#maxItems);
      try {
        const outcomes = await this.#execute(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, index) => waiting.settle(outcomes[index]!));
      } catch (error) {
        for (const waiting of batch) waiting.fail(error);
      }
    }
    this.#running = false;
  }
}
