/**
 * Levenshtein distance of two strings, by characters: how "did you mean" answers find the name a typo was meant as.
 *
 * @example
 * editDistance('getUserMfaStatus', 'getUsersMfaStatus'); // 1
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known names a name is a typo away from: the same but for case, or two edits, or the name with a scenario file's
 * extension (`bob-locked-out.yaml`); failing those, a word apart (`getMfaStatus` for GenAuth's `getUserMfaStatus`: an
 * operationId guessed from another vendor's, four edits but one word). Each once, though several surfaces may know it.
 *
 * @example
 * namesAlike('overides', ['description', 'world', 'overrides']) // ['overrides']
 * namesAlike('bob-locked-out.yaml', ['default', 'bob-locked-out']) // ['bob-locked-out']
 * namesAlike('getMfaStatus', ['getUserMfaStatus', 'setUsersMfaStatus']) // ['getUserMfaStatus']
 */
export function namesAlike(name: string, known: Iterable<string>): string[] {
  // No name here is that long, and the distance costs the product of both lengths: 900,000 characters took 22 s.
  if (name.length > MAX_NAME_LENGTH) return [];
  const wanted = name.toLowerCase();
  const withoutExtension = wanted.replace(/\.ya?ml$/, '');
  const candidates = [...new Set(known)];
  const typos = candidates.filter((candidate) => {
    const lower = candidate.toLowerCase();
    return lower === withoutExtension || editDistance(lower, wanted) <= 2;
  });
  if (typos.length > 0) return typos;
  // Only when no name is a typo away: a word apart is a looser likeness, which would crowd out the nearer names.
  const words = toWords(name);
  return candidates.filter((candidate) => isOneWordApart(words, toWords(candidate)));
}

/** A name's words, lower-cased: camelCase, PascalCase and acronyms (`getMFAStatus`: get, mfa, status), `-` and `_`. */
function toWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

/** Whether one list of at least two words is the other with one word more (anywhere). */
function isOneWordApart(a: readonly string[], b: readonly string[]): boolean {
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  if (shorter.length < 2 || longer.length !== shorter.length + 1) return false;
  return longer.some((_, skipped) => longer.filter((__, index) => index !== skipped).every((word, index) => word === shorter[index]));
}

/**
 * ` (did you mean "x"?)` for a name a few known ones are a typo away from (see namesAlike), else ''.
 *
 * @example
 * toDidYouMean('qa-carl', ['default', 'qa-carol']) // ' (did you mean "qa-carol"?)'
 */
export function toDidYouMean(name: string, known: Iterable<string>): string {
  return toMeantNames(namesAlike(name, known));
}

/** ` (did you mean "a" or "b"?)` for one to three names meant, else nothing (more would be a guess). */
export function toMeantNames(meant: readonly string[]): string {
  return meant.length > 0 && meant.length <= 3 ? ` (did you mean ${meant.map((candidate) => `"${candidate}"`).join(' or ')}?)` : '';
}

/** Longer than any name a did-you-mean could find (an operationId, a scenario, a field). */
const MAX_NAME_LENGTH = 200;

/** More names than a one-line message lists in full. */
const LISTABLE_NAMES = 20;

/**
 * `toDidYouMean`, or, for a name no known one is near (`getMFAMethods` for `getAvailableMethods`), the known names
 * when they are few enough to read on one line (` (its operations: a, b, ...)`), else `whereListed`.
 *
 * @example
 * toDidYouMeanOrList('getMFAMethods', ['getMFAStatus', 'getAvailableMethods'], 'its operations', '') // ' (its operations: getAvailableMethods, getMFAStatus)'
 */
export function toDidYouMeanOrList(name: string, known: readonly string[], listName: string, whereListed: string): string {
  const meant = toDidYouMean(name, known);
  if (meant !== '' || known.length === 0) return meant;
  return known.length <= LISTABLE_NAMES ? ` (${listName}: ${[...new Set(known)].sort().join(', ')})` : whereListed;
}
