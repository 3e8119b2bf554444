// The console's alert sound: a short two-note chime made with WebAudio, so there is no audio
// file to ship or download. Browsers start audio only after the page has had a click or a key
// press; the first one anywhere on the page unlocks it. The agent can mute it (kept per browser).
const MUTE_KEY = 'kefu.console.mute'

let audio: AudioContext | null = null
const unlock = () => {
  audio ??= new AudioContext()
  if (audio.state === 'suspended') void audio.resume()
}
addEventListener('pointerdown', unlock, { once: true })
addEventListener('keydown', unlock, { once: true })

export const isMuted = () => localStorage.getItem(MUTE_KEY) === '1'
export const setMuted = (muted: boolean) => (muted ? localStorage.setItem(MUTE_KEY, '1') : localStorage.removeItem(MUTE_KEY))

export function chime() {
  if (isMuted()) return
  try {
    audio ??= new AudioContext()
    if (audio.state === 'suspended') void audio.resume()
    const start = audio.currentTime + 0.01
    for (const [i, hz] of [880, 1320].entries()) {
      const at = start + i * 0.16
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.type = 'sine'
      osc.frequency.value = hz
      gain.gain.setValueAtTime(0.0001, at)
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3)
      osc.connect(gain).connect(audio.destination)
      osc.start(at)
      osc.stop(at + 0.32)
    }
  } catch {
    // no audio device: the badge and the notification still tell
  }
}
