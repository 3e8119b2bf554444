import { describe, expect, it } from 'vitest'
import { safeNext } from './safeNext.ts'

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/admin/tickets?status=open#top')).toBe('/admin/tickets?status=open#top')
    expect(safeNext('/console')).toBe('/console')
    expect(safeNext(undefined)).toBe('/admin')
  })

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\\\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '%2F%2Fevil.example',
    'https://evil.example',
    'javascript:alert(1)',
    ' //evil.example',
  ])('sends %j home instead of off the site', (next) => {
    expect(safeNext(next)).toBe('/admin')
  })

  it('leaves an encoded double slash as a path on this site', () => {
    const kept = safeNext('/%2F%2Fevil.example')
    expect(new URL(kept, 'https://kefu.example').origin).toBe('https://kefu.example')
  })
})
