/**
 * Session feedback: a rating of 1–5 and "how likely are you to recommend this training to
 * another business owner" on 0–10. Net Promoter Score = % promoters (9–10) − % detractors
 * (0–6), from −100 to 100, over the answers that gave a recommendation.
 */
export type FeedbackAnswer = { rating: number | null; recommend: number | null };

export type FeedbackSummary = {
  responses: number;
  /** Mean rating, two decimals; null without ratings. */
  averageRating: number | null;
  /** Count of each rating 1–5. */
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  promoters: number;
  passives: number;
  detractors: number;
  /** Whole number from −100 to 100; null without recommendation answers. */
  nps: number | null;
};

export function summariseFeedback(answers: readonly FeedbackAnswer[]): FeedbackSummary {
  const ratings = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let ratingSum = 0;
  let rated = 0;
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const a of answers) {
    if (a.rating !== null && a.rating >= 1 && a.rating <= 5) {
      ratings[String(a.rating) as keyof typeof ratings] += 1;
      ratingSum += a.rating;
      rated += 1;
    }
    if (a.recommend !== null && a.recommend >= 0 && a.recommend <= 10) {
      if (a.recommend >= 9) promoters += 1;
      else if (a.recommend >= 7) passives += 1;
      else detractors += 1;
    }
  }
  const recommended = promoters + passives + detractors;
  return {
    responses: answers.length,
    averageRating: rated ? Math.round((ratingSum * 100) / rated) / 100 : null,
    ratings,
    promoters,
    passives,
    detractors,
    nps: recommended ? Math.round(((promoters - detractors) * 100) / recommended) : null,
  };
}
