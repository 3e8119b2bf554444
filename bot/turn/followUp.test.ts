import { describe, expect, it } from 'vitest'
import { followUpText } from './followUp.ts'

describe('followUpText', () => {
  it('reads a short or elliptical message together with the previous question', () => {
    expect(followUpText('那北京呢？', '寄到上海要几天')).toBe('寄到上海要几天 那北京呢')
    expect(followUpText('多久到账', '理赔怎么申请')).toBe('理赔怎么申请 多久到账')
    expect(followUpText('And what about international parcels to Japan?', 'how much is shipping')).toBe(
      'how much is shipping and what about international parcels to japan',
    )
  })
  it('leaves a self-contained question alone, and needs a previous one', () => {
    expect(followUpText('我想知道寄一箱衣服到广州大概多少钱', '你好')).toBeNull()
    expect(followUpText('那北京呢', null)).toBeNull()
    expect(followUpText('运费', '运费')).toBeNull()
  })
})
