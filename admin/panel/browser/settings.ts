// The settings page: thresholds with their what-if, handoff and office hours, and the channels.
import { channelSettings } from './channelSettings.ts'
import { handoffSettings } from './handoffSettings.ts'
import { thresholdsForm } from './thresholdsForm.ts'

const form = (id: string) => document.getElementById(id) as HTMLFormElement | null
const th = form('thresholds-form')
const sf = form('settings-form')
const channels = form('channels-form')
if (th) thresholdsForm(th)
if (sf) handoffSettings(sf)
if (channels) channelSettings(channels)
