import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import { getValue as get, setValue as set } from '../../harness/key-value-store.js';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryStateStore', () => {
  it('stores, reads and deletes', () => {
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 1000, maxEntries: 10, logSize: 5, now: () => Date.now() });
    set(store, 'a', '1');
    expect(get(store, 'a')).toBe('1');
    expect(store.delete('a')).toBe(true);
    expect(get(store, 'a')).toBeUndefined();
    expect(store.delete('a')).toBe(false);
  });

  it('forgets the least recently used entry beyond maxEntries', () => {
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 1000, maxEntries: 2, logSize: 5, now: () => Date.now() });
    set(store, 'a', '1');
    set(store, 'b', '2');
    get(store, 'a'); // a is now more recent than b
    set(store, 'c', '3');
    expect(store.keys()).toEqual(['a', 'c']);
    expect(store.count()).toBe(2);
  });

  it('expires entries idle longer than the TTL, on read and on sweep', () => {
    const time = clock();
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 100, maxEntries: 10, logSize: 5, now: time.now });
    set(store, 'old', 'x');
    time.advance(60);
    set(store, 'young', 'y');
    time.advance(60);
    expect(store.sweep()).toEqual({ expired: 1, evicted: 0 });
    expect(store.keys()).toEqual(['young']);
    time.advance(101);
    expect(get(store, 'young')).toBeUndefined();
    expect(store.count()).toBe(0);
  });

  it('counts and lists only live entries, before a sweep has dropped those past their TTL (as the PostgreSQL store does)', () => {
    const time = clock();
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 100, maxEntries: 10, logSize: 5, now: time.now });
    set(store, 'first', 'x');
    time.advance(60);
    set(store, 'second', 'y');
    set(store, 'third', 'z');
    time.advance(60);
    expect(store.count()).toBe(2);
    expect(store.keys()).toEqual(['second', 'third']);
    time.advance(50);
    expect(store.count()).toBe(0);
    expect(store.keys()).toEqual([]);
    // Counting dropped nothing: the sweep still finds all three.
    expect(store.sweep()).toEqual({ expired: 3, evicted: 0 });
  });

  it('tells who listens of each entry it forgot on its own, and why, after the unit of work that made room', async () => {
    const time = clock();
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 1000, maxEntries: 2, logSize: 5, now: time.now });
    const forgotten: string[] = [];
    const stop = store.onForgotten((key, why) => forgotten.push(`${key}:${why}`));
    set(store, 'a', '1');
    set(store, 'b', '2');
    set(store, 'c', '3'); // a, the least recently used, makes room
    expect(forgotten).toEqual([]); // not in the middle of c's unit of work
    await Promise.resolve();
    expect(forgotten).toEqual(['a:evicted']);
    time.advance(1001);
    get(store, 'b'); // read after the TTL
    store.sweep();
    await Promise.resolve();
    expect(forgotten).toEqual(['a:evicted', 'b:expired', 'c:expired']);
    set(store, 'd', '4');
    store.delete('d'); // asked for, not forgotten on its own
    store.clear();
    stop();
    set(store, 'e', '5');
    set(store, 'f', '6');
    set(store, 'g', '7');
    await Promise.resolve();
    expect(forgotten).toHaveLength(3);
  });

  it('keeps an entry alive while it is used', () => {
    const time = clock();
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 100, maxEntries: 10, logSize: 5, now: time.now });
    set(store, 'busy', 'x');
    for (let i = 0; i < 5; i++) {
      time.advance(90);
      expect(get(store, 'busy')).toBe('x');
    }
  });
});

describe('MemoryStateStore units of work', () => {
  const options = { ttlMs: 1000, maxEntries: 10, logSize: 3, now: () => Date.now() };

  it('runs work on the live document and answers at once, with no promise', () => {
    const store = new MemoryStateStore<{ visits: number }, string>(options);
    const first = store.update(
      'a',
      () => ({ visits: 0 }),
      (document) => ++document.visits,
    );
    expect(first).toBe(1);
    expect(
      store.update(
        'a',
        () => ({ visits: 0 }),
        (document) => ++document.visits,
      ),
    ).toBe(2);
    expect(store.read('a')).toEqual({ visits: 2 });
  });

  it('keeps the newest logSize log entries per key, oldest first', () => {
    const store = new MemoryStateStore<object, string>(options);
    for (const entry of ['1', '2', '3', '4'])
      store.update(
        'a',
        () => ({}),
        (_document, log) => log(entry),
      );
    store.update(
      'b',
      () => ({}),
      (_document, log) => log('b1'),
    );
    expect(store.readLog('a')).toEqual(['2', '3', '4']);
    expect(store.readLog('a', 1)).toEqual(['4']);
    expect(store.logLength('a')).toBe(3);
    expect(store.readLog('b')).toEqual(['b1']);
    expect(store.readLog('unknown')).toEqual([]);
  });

  it('numbers log entries along each key, past every entry of a key deleted and made again', () => {
    const store = new MemoryStateStore<object, string>(options);
    const log = (key: string, entry: string) =>
      store.update(
        key,
        () => ({}),
        (_document, write) => write(entry),
      );
    for (const entry of ['1', '2', '3', '4']) log('a', entry);
    log('b', 'b1');
    const kept = store.readNumberedLog('a');
    expect(kept.map((numbered) => numbered.entry)).toEqual(['2', '3', '4']); // the ring's newest logSize, as readLog
    expect(kept.map((numbered) => numbered.seq)).toEqual([2, 3, 4]); // the ring dropping '1' renumbers nothing
    const before = kept.at(-1)!.seq;
    store.delete('a');
    expect(store.readNumberedLog('a')).toEqual([]);
    log('a', 'anew');
    const [first] = store.readNumberedLog('a');
    expect(first!.entry).toBe('anew');
    expect(first!.seq).toBeGreaterThan(before); // a reader that saw up to `before` does not take it for an old one
    expect(store.readNumberedLog('b').map((numbered) => numbered.entry)).toEqual(['b1']);
    // Cleared, a log starts empty, says it dropped nothing, and numbers on after every entry appended so far.
    const last = store.readNumberedLog('b').at(-1)!.seq;
    expect(store.clearLog('b')).toBe(true);
    expect([store.readLog('b'), store.logDropped('b')]).toEqual([[], false]);
    log('b', 'b2');
    const [next] = store.readNumberedLog('b');
    expect([next!.entry, next!.seq > last]).toEqual(['b2', true]);
    expect(store.clearLog('nobody')).toBe(false);
    expect(store.read('nobody')).toBeUndefined();
  });

  it('leaves a missing key missing in updateExisting: the work does not run', () => {
    const store = new MemoryStateStore<object, string>(options);
    let ran = false;
    expect(store.updateExisting('nobody', () => (ran = true))).toBeUndefined();
    expect(ran).toBe(false);
    expect(store.keys()).toEqual([]);
  });

  it('records the log of work that outlived its key (deleted meanwhile) in the key made anew', async () => {
    const store = new MemoryStateStore<{ made: number }, string>(options);
    let made = 0;
    const finished = store.update(
      'a',
      () => ({ made: ++made }),
      async (_document, log) => {
        await Promise.resolve();
        log('after the reset');
      },
    );
    store.delete('a');
    await finished;
    expect(store.read('a')).toEqual({ made: 2 });
    expect(store.readLog('a')).toEqual(['after the reset']);
  });

  it('keeps no entry made for refused work, and pushes no other out for it', async () => {
    const store = new MemoryStateStore<object, string>({ ...options, maxEntries: 1 });
    store.update(
      'kept',
      () => ({}),
      () => undefined,
    );
    const refuse = () => {
      throw new Error('refused');
    };
    expect(() => store.update('typo', () => ({}), refuse)).toThrow('refused');
    await expect(
      store.update(
        'typo',
        () => ({}),
        () => Promise.reject(new Error('refused later')),
      ),
    ).rejects.toThrow('refused later');
    expect(store.keys()).toEqual(['kept']);
    // Work that goes through makes room for its new entry as before.
    store.update(
      'next',
      () => ({}),
      () => undefined,
    );
    expect(store.keys()).toEqual(['next']);
  });

  it('keeps an entry whose refused first work was not its only use', async () => {
    const store = new MemoryStateStore<object, string>(options);
    let refuse!: (error: Error) => void;
    const pending = store.update(
      'a',
      () => ({}),
      () => new Promise((_resolve, reject) => (refuse = reject)),
    );
    store.update(
      'a',
      () => ({}),
      () => undefined,
    ); // another unit on the same key meanwhile
    refuse(new Error('refused'));
    await expect(pending).rejects.toThrow('refused');
    expect(store.keys()).toEqual(['a']);
    const logged = store.update(
      'b',
      () => ({}),
      async (_document, log) => {
        log('journalled');
        throw new Error('failed after journalling');
      },
    );
    await expect(logged).rejects.toThrow('failed after journalling');
    expect(store.readLog('b')).toEqual(['journalled']);
  });

  it('clears every key', () => {
    const store = new MemoryStateStore<object, string>(options);
    store.update(
      'a',
      () => ({}),
      () => undefined,
    );
    store.update(
      'b',
      () => ({}),
      () => undefined,
    );
    expect(store.clear()).toBe(2); // how many it forgot: an admin reset logs the count
    expect(store.count()).toBe(0);
    expect(store.clear()).toBe(0);
  });
});

describe('MemoryStateStore keys in use (a console or a wait watching the session)', () => {
  const make = (time: ReturnType<typeof clock>, maxEntries = 10) =>
    new MemoryStateStore<{ value: string }, string>({ ttlMs: 100, maxEntries, logSize: 5, now: time.now });

  it('neither expire nor are swept while held, and count as idle again from the release', () => {
    const time = clock();
    const store = make(time);
    set(store, 'watched', 'kept');
    set(store, 'idle', 'x');
    const release = store.hold('watched');
    time.advance(500);
    expect(store.sweep()).toEqual({ expired: 1, evicted: 0 }); // 'idle' only
    expect(store.keys()).toEqual(['watched']);
    expect(store.count()).toBe(1);
    expect(store.read('watched')).toEqual({ value: 'kept' });
    expect(get(store, 'watched')).toBe('kept'); // used while held: stays held
    time.advance(500);
    release();
    time.advance(100); // the TTL, counted from the release
    expect(store.sweep()).toEqual({ expired: 0, evicted: 0 });
    expect(get(store, 'watched')).toBe('kept');
    time.advance(101);
    expect(get(store, 'watched')).toBeUndefined();
  });

  it('are not evicted beyond maxEntries; the others are, and the store is over its cap only while more are held', () => {
    const time = clock();
    const store = make(time, 2);
    set(store, 'watched', 'kept');
    const release = store.hold('watched');
    for (const key of ['a', 'b', 'c']) set(store, key, key);
    expect(store.keys()).toEqual(['c', 'watched']);
    expect(get(store, 'watched')).toBe('kept');
    release();
    set(store, 'd', 'd');
    expect(store.keys()).toEqual(['watched', 'd']); // released as used then: 'c' was the least recently used
  });

  it('hold a key made after the hold began (a wait for a session the app has not used yet)', () => {
    const time = clock();
    const store = make(time, 1);
    const release = store.hold('later');
    set(store, 'later', 'made');
    set(store, 'other', 'x');
    time.advance(500);
    store.sweep();
    expect(store.keys()).toEqual(['later']);
    release();
    expect(store.keys()).toEqual(['later']);
  });

  it('count holds: the key stays held until the last is released, and a release called twice counts once', () => {
    const time = clock();
    const store = make(time);
    set(store, 'watched', 'kept');
    const consoleHold = store.hold('watched');
    const wait = store.hold('watched');
    wait();
    wait();
    time.advance(500);
    expect(get(store, 'watched')).toBe('kept');
    consoleHold();
    time.advance(101);
    expect(get(store, 'watched')).toBeUndefined();
  });

  it('stay held when deleted or cleared and made again while still watched', () => {
    const time = clock();
    const store = make(time);
    set(store, 'watched', 'first');
    store.hold('watched');
    store.delete('watched');
    set(store, 'watched', 'second');
    store.clear();
    set(store, 'watched', 'third');
    time.advance(500);
    expect(store.sweep()).toEqual({ expired: 0, evicted: 0 });
    expect(get(store, 'watched')).toBe('third');
  });
});
