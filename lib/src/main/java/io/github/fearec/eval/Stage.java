package io.github.fearec.eval;

/** Which held-out item of the leave-one-out split is predicted (FEARec-spec §1). */
public enum Stage {
  /** Input: the training items; target: the second-to-last item. */
  VALIDATION,
  /** Input: the training items and the validation item; target: the last item. */
  TEST
}
