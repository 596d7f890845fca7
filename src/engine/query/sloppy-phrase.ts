/**
 * Sloppy phrase matching (`match_phrase` with `slop` > 0) with the semantics of Lucene's
 * SloppyPhraseMatcher, so the set of matching documents is the one OpenSearch returns.
 *
 * Each query term i at query position o_i reads the doc's positions p as `p - o_i`; a combination of one
 * position per term matches when max - min of those values is at most `slop`. That distance counts moves
 * in the edit-distance sense Lucene uses: "quick fox" with slop 1 matches "quick brown fox", and the
 * reversed "fox quick" needs slop 2. Like Lucene we always advance the term with the least value (a
 * priority queue ordered by value, then query offset, then ordinal) and do not enumerate every
 * combination, which also decides the sloppy frequency used for scoring (sum of 1 / (1 + distance)).
 *
 * A term repeated in the query ("a b a") must not use the same document position twice; Lucene keeps
 * repeats on distinct positions by advancing the lesser of two colliding entries, which we mirror.
 */

interface Cursor {
  readonly positions: Int32Array;
  readonly offset: number;
  readonly ord: number;
  /** Index of this cursor's repeat group in `groups`, or -1 when its term occurs once in the query. */
  readonly group: number;
  next: number;
  value: number;
  queued: boolean;
}

/** The query side of a sloppy phrase: term offsets and which terms repeat. Built once per query. */
export interface SloppyPhrase {
  readonly offsets: readonly number[];
  /** Ordinals of repeated terms, grouped per term, each group ordered by query offset. */
  readonly groups: readonly (readonly number[])[];
  readonly slop: number;
}

export function sloppyPhrase(terms: readonly string[], offsets: readonly number[], slop: number): SloppyPhrase {
  const byTerm = new Map<string, number[]>();
  terms.forEach((t, i) => {
    const list = byTerm.get(t);
    if (list) list.push(i);
    else byTerm.set(t, [i]);
  });
  const groups = [...byTerm.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => offsets[a]! - offsets[b]!));
  return { offsets, groups, slop };
}

/**
 * Sloppy frequency of one document given each term's positions in it (ascending, all non-empty), or 0 when
 * no combination is within slop. With `firstOnly` it stops at the first match (filter context).
 */
export function sloppyFreq(phrase: SloppyPhrase, positions: readonly Int32Array[], firstOnly: boolean): number {
  const groupOf = new Int32Array(positions.length).fill(-1);
  phrase.groups.forEach((g, gi) => { for (const ord of g) groupOf[ord] = gi; });
  const cursors: Cursor[] = positions.map((p, ord) => ({
    positions: p, offset: phrase.offsets[ord]!, ord, group: groupOf[ord]!, next: 1, value: p[0]! - phrase.offsets[ord]!, queued: true,
  }));
  return new Matcher(cursors, phrase).run(firstOnly);
}

class Matcher {
  private end = -Infinity;
  private matchLength = Infinity;

  constructor(private readonly cursors: Cursor[], private readonly phrase: SloppyPhrase) {}

  run(firstOnly: boolean): number {
    if (!this.placeRepeats()) return 0;
    for (const c of this.cursors) if (c.value > this.end) this.end = c.value;
    let freq = 0;
    let positioned = true;
    while (positioned) {
      const r = this.nextMatch();
      positioned = r.positioned;
      if (!r.matched) break;
      freq = Math.fround(freq + Math.fround(1 / (1 + this.matchLength)));
      if (firstOnly) break;
    }
    return freq;
  }

  /** Start condition for repeats: the k-th occurrence (by query offset) begins k positions further on. */
  private placeRepeats(): boolean {
    for (const g of this.phrase.groups) {
      for (let j = 1; j < g.length; j++) {
        for (let k = 0; k < j; k++) if (!step(this.cursors[g[j]!]!)) return false;
      }
    }
    return true;
  }

  private nextMatch(): { matched: boolean; positioned: boolean } {
    const slop = this.phrase.slop;
    let pp = this.pop();
    this.matchLength = this.end - pp.value;
    let next = this.top().value;
    while (this.advance(pp)) {
      if (pp.group >= 0 && !this.resolveCollisions(pp)) break;
      if (pp.value > next) {
        // Done shrinking the current window: report it if within slop, then move the new least cursor.
        pp.queued = true;
        if (this.matchLength <= slop) return { matched: true, positioned: true };
        pp = this.pop();
        next = this.top().value;
        this.matchLength = this.end - pp.value;
      } else {
        const len = this.end - pp.value;
        if (len < this.matchLength) this.matchLength = len;
      }
    }
    return { matched: this.matchLength <= slop, positioned: false };
  }

  private advance(c: Cursor): boolean {
    if (!step(c)) return false;
    if (c.value > this.end) this.end = c.value;
    return true;
  }

  /** After `c` moved: while it shares a document position with a repeat of its term, move the lesser one. */
  private resolveCollisions(c: Cursor): boolean {
    let pp = c;
    for (let other = this.collide(pp); other; other = this.collide(pp)) {
      pp = lesser(pp, other);
      if (!this.advance(pp)) return false;
    }
    return true;
  }

  private collide(c: Cursor): Cursor | undefined {
    const at = c.value + c.offset;
    for (const ord of this.phrase.groups[c.group]!) {
      const other = this.cursors[ord]!;
      if (other !== c && other.value + other.offset === at) return other;
    }
    return undefined;
  }

  /** Remove and return the least queued cursor (few terms per phrase: a linear scan beats a heap). */
  private pop(): Cursor {
    const c = this.top();
    c.queued = false;
    return c;
  }

  private top(): Cursor {
    let best: Cursor | undefined;
    for (const c of this.cursors) if (c.queued && (best === undefined || before(c, best))) best = c;
    return best!;
  }
}

function step(c: Cursor): boolean {
  if (c.next >= c.positions.length) return false;
  c.value = c.positions[c.next++]! - c.offset;
  return true;
}

/** Queue order: value, then query offset, then ordinal (a total order, so ties resolve like Lucene). */
function before(a: Cursor, b: Cursor): boolean {
  if (a.value !== b.value) return a.value < b.value;
  if (a.offset !== b.offset) return a.offset < b.offset;
  return a.ord < b.ord;
}

function lesser(a: Cursor, b: Cursor): Cursor {
  return a.value < b.value || (a.value === b.value && a.offset < b.offset) ? a : b;
}
