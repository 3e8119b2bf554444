/**
 * One process per embedded database folder. PGlite has no lock of its own, and two processes
 * on one folder (`kefu user create` while `kefu start` runs) each write their own copy: the
 * second one's work is gone after a restart although it printed "Created". The lock is a file
 * beside the folder holding the owner's pid, created exclusively; a lock whose process is
 * gone (a crash, a SIGKILL) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'

export class FolderInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (a running \`kefu start\`?). Stop it first, or point DATABASE_URL at PostgreSQL to run several processes.\n` +
        `内置数据库 ${dir} 正被进程 ${pid} 使用（可能是正在运行的 kefu start）。请先停止它，或设置 DATABASE_URL 使用 PostgreSQL 以便多个进程同时运行。`,
    )
    this.name = 'FolderInUseError'
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Take the folder's lock or throw FolderInUseError; the returned function releases it. */
export function lockFolder(dir: string): () => void {
  const path = `${dir}.lock`
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path)
        } catch {
          // already gone
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err
      const owner = Number(readFileSync(path, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) throw new FolderInUseError(dir, owner)
      unlinkSync(path) // left by a process that is gone: take it over (once)
    }
  }
}
