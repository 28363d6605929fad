/**
 * Knowledge tests (pre/post, per module). A question is single choice (exactly one correct
 * option) or multiple choice (one or more correct options).
 *
 * Scoring rule: every question is worth one point. A single-choice answer earns the point when
 * it is the correct option. A multiple-choice answer earns the point only when the chosen set
 * is exactly the set of correct options (all-or-nothing: no partial credit, so that ticking
 * every box never pays). A question left unanswered earns nothing. The score is
 * points / questions × 100, rounded to one decimal; a test passes at or above the pass mark.
 */
export type QuestionKind = 'single' | 'multiple';
export type ScoredQuestion = { id: string; kind: QuestionKind; correct: readonly string[] };
/** Question id → chosen option keys. */
export type TestAnswers = Record<string, readonly string[]>;

export type TestScore = {
  points: number;
  maxPoints: number;
  /** 0–100, one decimal. */
  score: number;
  /** Question id → whether it earned its point. */
  results: Record<string, boolean>;
};

export function questionCorrect(question: ScoredQuestion, chosen: readonly string[] | undefined): boolean {
  if (!chosen || chosen.length === 0) return false;
  const picked = new Set(chosen);
  if (question.kind === 'single' && picked.size !== 1) return false;
  const correct = new Set(question.correct);
  return picked.size === correct.size && [...picked].every((key) => correct.has(key));
}

export function scoreTest(questions: readonly ScoredQuestion[], answers: TestAnswers): TestScore {
  const results: Record<string, boolean> = {};
  let points = 0;
  for (const q of questions) {
    const ok = questionCorrect(q, answers[q.id]);
    results[q.id] = ok;
    if (ok) points += 1;
  }
  return { points, maxPoints: questions.length, score: percentOf(points, questions.length), results };
}

/** points / max × 100 to one decimal; 0 for an empty test. */
export function percentOf(points: number, maxPoints: number): number {
  if (maxPoints <= 0) return 0;
  return Math.round((Math.min(points, maxPoints) * 1000) / maxPoints) / 10;
}

/** Integer comparison (points × 100 ≥ pass × max), so that 7 of 10 passes exactly at 70 %. */
export function passes(points: number, maxPoints: number, passPercent: number): boolean {
  return maxPoints > 0 && points * 100 >= passPercent * maxPoints;
}
