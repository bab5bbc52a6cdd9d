/** The time source services use, injectable so tests can fix or move it. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };
