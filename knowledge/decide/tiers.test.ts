import { describe, it, expect } from 'vitest'
import { decide, effective, MIN_CLARIFY, MIN_LEXICAL, MIN_MARGIN, shown, UNANIMOUS, type Thresholds } from './tiers.ts'
import { fitThresholds, wilsonLower } from './fit.ts'
import type { Example } from './examples.ts'

const t: Thresholds = { answer: 0.6, margin: 0.1, clarify: 0.3, source: 'calibrated' }

describe('decide', () => {
  it('answers only when confident and clearly ahead', () => {
    expect(decide([0.7, 0.5], t)).toBe('answer')
    expect(decide([0.7, 0.65], t)).toBe('clarify')
    expect(decide([0.2], t)).toBe('fallback')
    expect(decide([], t)).toBe('fallback')
    expect(decide([NaN], t)).toBe('fallback')
  })
  it('shows at most five clarify options above the clarify threshold', () => {
    expect(shown('clarify', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1], t)).toBe(5)
    expect(shown('clarify', [0.5, 0.2], t)).toBe(1)
  })
  it('never answers a learned bar below the evidence floor, and keeps clarify at or under answer', () => {
    const low: Thresholds = { answer: 0.018, margin: 0.05, clarify: 0.01, source: 'calibrated' }
    expect(decide([0.07, 0.0], low)).toBe('fallback')
    expect(decide([0.12, 0.0], low)).toBe('answer')
    const e = effective(low)
    expect(e.answer).toBe(MIN_CLARIFY)
    expect(e.clarify).toBeLessThanOrEqual(e.answer)
    // An admin's override is taken as given.
    expect(decide([0.07, 0.0], { ...low, source: 'override' })).toBe('answer')
  })
})

describe('decide with the evidence behind the top entry', () => {
  const t: Thresholds = { answer: 0.5, margin: 0.1, clarify: 0.3, source: 'calibrated' }
  it('answers an exact admin question whatever its neighbours score, unless thresholds were set by hand', () => {
    expect(decide([0.45, 0.44], t, { exactQuestion: true })).toBe('answer')
    expect(decide([0.45, 0.44], { ...t, source: 'override' }, { exactQuestion: true })).toBe('clarify')
  })
  it('lets the pretrained model alone offer an entry but not answer with it', () => {
    expect(decide([0.7, 0.4], t, { lexical: MIN_LEXICAL - 0.01 })).toBe('clarify')
    expect(decide([0.7, 0.4], t, { lexical: MIN_LEXICAL })).toBe('answer')
    expect(decide([0.7, 0.4], t, { lexical: null })).toBe('answer') // no pretrained model in the fusion
    expect(decide([0.7, 0.4], { ...t, source: 'override' }, { lexical: 0 })).toBe('answer')
  })
})

describe('decide when every component agrees', () => {
  const t: Thresholds = { answer: 0.5, margin: 0.15, clarify: 0.3, source: 'calibrated' }
  const all = { lexical: MIN_LEXICAL, agreement: UNANIMOUS, kbScript: true, words: 1 }
  it('answers below the calibrated margin when every component ranks the top entry first', () => {
    expect(decide([0.45, 0.44 - MIN_MARGIN], t, all)).toBe('answer')
    expect(decide([0.45, 0.44 - MIN_MARGIN], t, { ...all, agreement: UNANIMOUS - 1 })).toBe('clarify')
  })
  it('still asks back when the lead is under MIN_MARGIN, words are not shared, or the script is not the KB’s', () => {
    expect(decide([0.45, 0.45 - MIN_MARGIN / 2], t, all)).toBe('clarify')
    expect(decide([0.45, 0.3], t, { ...all, lexical: MIN_LEXICAL - 0.01 })).toBe('clarify')
    expect(decide([0.45, 0.3], t, { ...all, lexical: null })).toBe('clarify')
    expect(decide([0.45, 0.3], t, { ...all, kbScript: false })).toBe('clarify')
    expect(decide([0.45, 0.3], t, { ...all, words: 0 })).toBe('clarify') // 「坏了」
    // One candidate leads nobody; below the clarify bar there is nothing to answer with.
    expect(decide([0.45], t, all)).toBe('clarify')
    expect(decide([0.25, 0.1], t, all)).toBe('fallback')
  })
  it('never answers where calibration found no safe bar, nor over an admin’s thresholds', () => {
    expect(decide([0.45, 0.3], { ...t, answer: 1.01 }, all)).toBe('clarify')
    expect(decide([0.45, 0.3], { ...t, source: 'override' }, all)).toBe('clarify')
  })
})

describe('fitThresholds', () => {
  it('finds the threshold that keeps precision at the target', () => {
    // Right answers score high, wrong ones (negatives) score below 0.5.
    const ex: Example[] = []
    for (let i = 0; i < 200; i++) ex.push({ scores: [0.5 + (i % 50) / 100, 0.2], goldRank: 0, negative: false })
    for (let i = 0; i < 100; i++) ex.push({ scores: [0.1 + (i % 40) / 100, 0.1], goldRank: -1, negative: true })
    const fit = fitThresholds(ex, 0.95)
    expect(fit.thresholds.answer).toBeGreaterThan(0.45)
    expect(fit.thresholds.answer).toBeLessThanOrEqual(0.5)
    expect(fit.expected.precision).toBeGreaterThanOrEqual(0.95)
  })
  it('never answers when nothing reaches the target', () => {
    const ex: Example[] = Array.from({ length: 50 }, () => ({ scores: [0.9, 0.1], goldRank: -1, negative: true }))
    expect(fitThresholds(ex, 0.95).thresholds.answer).toBeGreaterThan(1)
  })
  it('offers options above the uncovered questions’ median score where no similar question shows a bar', () => {
    // Single-question entries: every example is a held-out entry (negative).
    const ex: Example[] = Array.from({ length: 41 }, (_, i) => ({ scores: [0.3 + i / 100, 0.2], goldRank: -1, negative: true }))
    const fit = fitThresholds(ex, 0.95)
    expect(fit.thresholds.answer).toBeGreaterThan(1)
    expect(fit.thresholds.clarify).toBeCloseTo(0.5, 6)
    // Too few negatives to say: no bar.
    expect(fitThresholds(ex.slice(0, 10), 0.95).thresholds.clarify).toBeGreaterThan(1)
  })
  it('bounds precision from below', () => {
    expect(wilsonLower(10, 10)).toBeLessThan(1)
    expect(wilsonLower(0, 0)).toBe(0)
  })
})
