/**
 * The first start's staff accounts, boxed, printed as the very last thing `kefu start` says, with
 * how to get back in if a password is lost. Plain ASCII frame: every terminal and log shows it.
 */
import type { SeededAccount } from '../demo/seedStaff.ts'

/** Display width: CJK characters take two columns on a terminal. */
const width = (s: string) =>
  [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0)

export function accountsBox(accounts: SeededAccount[], loginUrl: string): string {
  const lines = [
    'Staff accounts — shown only this once, note them down:',
    '员工账号（只显示这一次，请记下）：',
    '',
    ...accounts.map((a) => `  ${a.role.padEnd(6)}  username ${a.username.padEnd(8)}  password ${a.password}`),
    '',
    `Log in at ${loginUrl}`,
    'Lost a password? Stop the server, then / 忘记密码：先停止服务，再运行',
    '  npx kefu user set-password -u admin',
    'It prints a new password (or pass --password …).',
  ]
  const inner = Math.max(...lines.map(width))
  const row = (s: string) => `| ${s}${' '.repeat(inner - width(s))} |`
  const rule = `+${'-'.repeat(inner + 2)}+`
  return `\n${[rule, ...lines.map(row), rule].join('\n')}\n`
}
