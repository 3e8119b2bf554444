import { describe, expect, it } from 'vitest'
import { renderMarkdown as md } from './render.ts'

const ANSWER = '您好！收到商品后 **7 天内** 可以申请退货：\n\n- 商品*未使用*\n- 包装完整\n\n详情见[退货政策](https://shop.example.cn/returns)。'

describe('Markdown per channel', () => {
  it('web chat: safe HTML', () => {
    expect(md(ANSWER, 'web')).toBe(
      '<p>您好！收到商品后 <strong>7 天内</strong> 可以申请退货：</p><ul><li>商品<em>未使用</em></li><li>包装完整</li></ul>' +
        '<p>详情见<a href="https://shop.example.cn/returns" target="_blank" rel="noopener noreferrer nofollow">退货政策</a>。</p>',
    )
    expect(md('第一行\n第二行', 'web')).toBe('<p>第一行<br>第二行</p>')
    expect(md('3. 三\n4. 四', 'web')).toBe('<ol start="3"><li>三</li><li>四</li></ol>')
  })

  it('Telegram: only its HTML tags, lines instead of paragraphs and lists', () => {
    expect(md(ANSWER, 'telegram')).toBe(
      '您好！收到商品后 <b>7 天内</b> 可以申请退货：\n\n• 商品<i>未使用</i>\n• 包装完整\n\n详情见<a href="https://shop.example.cn/returns">退货政策</a>。',
    )
    expect(md('# 退货\n1. 登录\n2. 申请', 'telegram')).toBe('<b>退货</b>\n\n1. 登录\n2. 申请')
  })

  it('Teams: markdown with a paragraph per line, markup in the text escaped', () => {
    expect(md(ANSWER, 'teams')).toBe(
      '您好！收到商品后 **7 天内** 可以申请退货：\n\n• 商品_未使用_\n\n• 包装完整\n\n详情见[退货政策](https://shop.example.cn/returns)。',
    )
    expect(md('a\\*b\\* <at>x</at>', 'teams')).toBe('a\\*b\\* \\<at\\>x\\</at\\>')
  })

  it('WeChat: plain text', () => {
    expect(md(ANSWER, 'plain')).toBe('您好！收到商品后 7 天内 可以申请退货：\n\n• 商品未使用\n• 包装完整\n\n详情见退货政策 (https://shop.example.cn/returns)。')
    expect(md('见 [https://a.example/](https://a.example/)', 'plain')).toBe('见 https://a.example/')
  })

  it('pairs emphasis in Chinese text where CommonMark would not', () => {
    expect(md('**“七天无理由”**退货', 'web')).toBe('<p><strong>“七天无理由”</strong>退货</p>')
    expect(md('__重要__：请保留发票', 'telegram')).toBe('<b>重要</b>：请保留发票')
  })

  it('leaves what is not markup alone', () => {
    expect(md('order_id 和 user_name', 'plain')).toBe('order_id 和 user_name')
    expect(md('5 * 3 = 15，2 ** 3 = 8', 'web')).toBe('<p>5 * 3 = 15，2 ** 3 = 8</p>')
    expect(md('**没有结尾', 'telegram')).toBe('**没有结尾')
    expect(md('`**字面**`', 'web')).toBe('<p><code>**字面**</code></p>')
    expect(md('\\*不是斜体\\*', 'plain')).toBe('*不是斜体*')
    expect(md('https://a.example/x_y_z', 'plain')).toBe('https://a.example/x_y_z')
  })

  it('hostile input: no HTML passes, only web links become links', () => {
    const evil = '<script>alert(1)</script> <img src=x onerror=alert(1)> [点我](javascript:alert(1)) [x](data:text/html,hi) ["](https://a.example/?q="><b>)'
    const web = md(evil, 'web')
    expect(web).not.toMatch(/<(script|img|b)[\s>]/)
    expect(web).not.toContain('javascript:')
    expect(web).not.toContain('href="data:')
    expect(web).toContain('&lt;script&gt;')
    expect(web).toContain('点我')
    expect(web).toContain('href="https://a.example/?q=%22%3E%3Cb%3E"')
    const tg = md(evil, 'telegram')
    expect(tg.replace(/<\/?(b|i|a|code)( href="[^"]*")?>/g, '')).not.toMatch(/[<>]/)
    expect(md('[x](javascript:alert(1))', 'plain')).toBe('x')
  })

  it('stays fast on pathological input', () => {
    const t0 = Date.now()
    for (const s of ['*a'.repeat(20_000), '**'.repeat(20_000), '['.repeat(20_000), '_a_'.repeat(20_000), '- '.repeat(20_000)]) md(s, 'web')
    expect(Date.now() - t0).toBeLessThan(2000)
  })
})
