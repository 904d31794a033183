// The NPSA 5×5 risk matrix: likelihood × consequence, each 1–5, scored 1–25 and banded.
// Pure data and arithmetic; the labels are the words used on cards and in board packs.
import { z } from 'zod';

export const LIKELIHOOD_LABELS = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Almost certain',
} as const;

export const CONSEQUENCE_LABELS = {
  1: 'Negligible',
  2: 'Minor',
  3: 'Moderate',
  4: 'Major',
  5: 'Catastrophic',
} as const;

export type Likelihood = keyof typeof LIKELIHOOD_LABELS;
export type Consequence = keyof typeof CONSEQUENCE_LABELS;

/** A 1–5 step of the matrix; the message names the field so a card can show it. */
function step(field: string) {
  return z.coerce
    .number({ invalid_type_error: `${field} must be a number from 1 to 5.`, required_error: `${field} is required.` })
    .int(`${field} must be a whole number from 1 to 5.`)
    .min(1, `${field} must be from 1 to 5.`)
    .max(5, `${field} must be from 1 to 5.`);
}

export const likelihoodSchema = step('Likelihood') as unknown as z.ZodType<Likelihood, z.ZodTypeDef, unknown>;
export const consequenceSchema = step('Consequence') as unknown as z.ZodType<Consequence, z.ZodTypeDef, unknown>;

/** One point on the matrix. */
export const ratingSchema = z.object({ likelihood: likelihoodSchema, consequence: consequenceSchema });
export type Rating = z.infer<typeof ratingSchema>;

export const RISK_BANDS = ['LOW', 'MODERATE', 'HIGH', 'EXTREME'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const BAND_LABELS: Record<RiskBand, string> = {
  LOW: 'Low',
  MODERATE: 'Moderate',
  HIGH: 'High',
  EXTREME: 'Extreme',
};

/** The score range each band covers, as printed in a board pack's legend. */
export const BAND_RANGES: Record<RiskBand, { min: number; max: number }> = {
  LOW: { min: 1, max: 3 },
  MODERATE: { min: 4, max: 6 },
  HIGH: { min: 8, max: 12 },
  EXTREME: { min: 15, max: 25 },
};

/** The usual NPSA matrix colours: green, yellow, amber, red. */
export const BAND_COLOURS: Record<RiskBand, string> = {
  LOW: '#92d050',
  MODERATE: '#ffff00',
  HIGH: '#ffc000',
  EXTREME: '#ff0000',
};

/** Likelihood × consequence. */
export function riskScore(rating: Rating): number {
  return rating.likelihood * rating.consequence;
}

/**
 * The band of a score (or of a rating). Products of 1–5 never fall on 7, 11, 13 or 14,
 * so cutting at 3, 6 and 12 puts every real score in exactly one band.
 */
export function riskBand(scoreOrRating: number | Rating): RiskBand {
  const score = typeof scoreOrRating === 'number' ? scoreOrRating : riskScore(scoreOrRating);
  if (!Number.isInteger(score) || score < 1 || score > 25) throw new RangeError(`A risk score is 1 to 25, got ${score}`);
  if (score <= 3) return 'LOW';
  if (score <= 6) return 'MODERATE';
  if (score <= 12) return 'HIGH';
  return 'EXTREME';
}

/** "Likely (4) × Major (4) = 16, Extreme": how a score reads on a card. */
export function ratingLabel(rating: Rating): string {
  const score = riskScore(rating);
  return (
    `${LIKELIHOOD_LABELS[rating.likelihood]} (${rating.likelihood}) × ` +
    `${CONSEQUENCE_LABELS[rating.consequence]} (${rating.consequence}) = ${score}, ${BAND_LABELS[riskBand(score)]}`
  );
}

/** "16 Extreme": the short form for tables. */
export function scoreLabel(rating: Rating): string {
  const score = riskScore(rating);
  return `${score} ${BAND_LABELS[riskBand(score)]}`;
}

/** Choices for a card's Input.ChoiceSet. */
export const LIKELIHOOD_CHOICES = ([1, 2, 3, 4, 5] as const).map((n) => ({ value: String(n), title: `${n} – ${LIKELIHOOD_LABELS[n]}` }));
export const CONSEQUENCE_CHOICES = ([1, 2, 3, 4, 5] as const).map((n) => ({ value: String(n), title: `${n} – ${CONSEQUENCE_LABELS[n]}` }));
