// The settings page: thresholds with their what-if, handoff and office hours, the channels and the language model.
import { channelSettings } from './channelSettings.ts'
import { handoffSettings } from './handoffSettings.ts'
import { llmSettings } from './llmSettings.ts'
import { thresholdsForm } from './thresholdsForm.ts'

const form = (id: string) => document.getElementById(id) as HTMLFormElement | null
const th = form('thresholds-form')
const sf = form('settings-form')
const channels = form('channels-form')
if (th) thresholdsForm(th)
if (sf) handoffSettings(sf)
if (channels) channelSettings(channels)
const llm = form('llm-form')
if (llm) llmSettings(llm)
