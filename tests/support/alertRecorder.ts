/** For browser tests of the console's alerting: an init script the page runs before its own. */

/** Records notifications and tones the page makes; both stay the real browser objects. */
export const RECORDER = () => {
  const w = window as any
  w.__notes = []
  w.__tones = 0
  const Real = window.Notification
  w.Notification = new Proxy(Real, {
    construct(target, args: [string, NotificationOptions?]) {
      w.__notes.push({ title: args[0], body: args[1]?.body ?? '' })
      return new target(...args)
    },
  })
  const start = OscillatorNode.prototype.start
  OscillatorNode.prototype.start = function (...a: [number?]) {
    w.__tones++
    return start.apply(this, a)
  }
}
