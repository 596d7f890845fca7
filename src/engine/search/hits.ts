/** The matched documents of a search across its target indices, kept as parallel typed arrays. */
export interface HitList {
  /** Index into the targets array. */
  readonly target: Int32Array;
  readonly ord: Int32Array;
  readonly score: Float32Array;
  readonly length: number;
}
