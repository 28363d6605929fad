import { describe, expect, it } from 'vitest';
import { passes, percentOf, questionCorrect, scoreTest, type ScoredQuestion } from './test-scoring.ts';

const single: ScoredQuestion = { id: 'q1', kind: 'single', correct: ['b'] };
const multiple: ScoredQuestion = { id: 'q2', kind: 'multiple', correct: ['a', 'c'] };

describe('question scoring', () => {
  it.each<[string, ScoredQuestion, string[] | undefined, boolean]>([
    ['single, right', single, ['b'], true],
    ['single, wrong', single, ['a'], false],
    ['single, two ticked', single, ['a', 'b'], false],
    ['single, unanswered', single, undefined, false],
    ['single, empty', single, [], false],
    ['multiple, exact set', multiple, ['c', 'a'], true],
    ['multiple, one of two (no partial credit)', multiple, ['a'], false],
    ['multiple, every box', multiple, ['a', 'b', 'c'], false],
    ['multiple, same key twice', multiple, ['a', 'a', 'c'], true],
    ['multiple, wrong set', multiple, ['b'], false],
  ])('%s', (_, question, chosen, correct) => {
    expect(questionCorrect(question, chosen)).toBe(correct);
  });
});

describe('test score', () => {
  it('adds one point per question answered exactly right', () => {
    const questions: ScoredQuestion[] = [single, multiple, { id: 'q3', kind: 'single', correct: ['d'] }];
    expect(scoreTest(questions, { q1: ['b'], q2: ['a'], q3: ['d'] })).toEqual({ points: 2, maxPoints: 3, score: 66.7, results: { q1: true, q2: false, q3: true } });
    expect(scoreTest(questions, {})).toMatchObject({ points: 0, score: 0 });
    expect(scoreTest([], {})).toMatchObject({ points: 0, maxPoints: 0, score: 0 });
  });

  it.each([
    [7, 10, 70, true],
    [6, 10, 70, false],
    [2, 3, 66, true],
    [2, 3, 67, false],
    [0, 0, 0, false],
    [5, 5, 100, true],
  ])('%i of %i at pass mark %i %% → %s', (points, max, pass, expected) => {
    expect(passes(points, max, pass)).toBe(expected);
  });

  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [3, 3, 100],
    [4, 3, 100],
    [1, 0, 0],
  ])('%i of %i is %d %%', (points, max, percent) => {
    expect(percentOf(points, max)).toBe(percent);
  });
});
