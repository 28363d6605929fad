/**
 * The learning-path completion rule: a participant completes a programme's path when the
 * minutes of path modules they attended reach the path's minimum share (default 80 %).
 */
export const DEFAULT_COMPLETION_PERCENT = 80;

export type Completion = {
  /** Minutes of distinct path modules covered by sessions the participant attended. */
  attendedMinutes: number;
  pathMinutes: number;
  /** 0–100, one decimal. */
  percent: number;
  completed: boolean;
};

export function completionOf(options: { attendedMinutes: number; pathMinutes: number; minPercent: number }): Completion {
  const { pathMinutes, minPercent } = options;
  const attendedMinutes = Math.min(options.attendedMinutes, pathMinutes);
  if (pathMinutes <= 0) return { attendedMinutes: 0, pathMinutes: 0, percent: 0, completed: false };
  // Integer comparison, so that 80 % of 450 minutes is exactly 360 and not a float rounding away.
  const completed = attendedMinutes * 100 >= minPercent * pathMinutes;
  return { attendedMinutes, pathMinutes, percent: Math.round((attendedMinutes * 1000) / pathMinutes) / 10, completed };
}
