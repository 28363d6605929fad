import { describe, expect, it } from 'vitest';
import { summariseFeedback } from './feedback.ts';

describe('feedback summary and NPS', () => {
  it('counts promoters (9–10), passives (7–8) and detractors (0–6)', () => {
    const s = summariseFeedback([
      { rating: 5, recommend: 10 },
      { rating: 4, recommend: 9 },
      { rating: 4, recommend: 8 },
      { rating: 2, recommend: 6 },
      { rating: null, recommend: 0 },
    ]);
    expect(s).toEqual({ responses: 5, averageRating: 3.75, ratings: { '1': 0, '2': 1, '3': 0, '4': 2, '5': 1 }, promoters: 2, passives: 1, detractors: 2, nps: 0 });
  });

  it.each([
    [[10, 10, 10], 100],
    [[0, 5, 6], -100],
    [[9, 7, 3], 0],
    [[9, 9, 7], 67],
    [[], null],
  ])('recommendations %j → NPS %s', (recommend, nps) => {
    expect(summariseFeedback(recommend.map((r) => ({ rating: null, recommend: r }))).nps).toBe(nps);
  });

  it('has no average without ratings', () => {
    expect(summariseFeedback([]).averageRating).toBeNull();
  });
});
