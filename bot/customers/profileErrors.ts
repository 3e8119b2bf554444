/** Refusals of profile and label input: each names its field and says why in zh and en (profileRules.ts PROFILE_ERRORS). */
import { ValidationError } from '../errors.ts'
import { PROFILE_ERRORS, type ProfileErrorCode } from './profileRules.ts'

export interface ProfileIssue {
  path: string
  code: ProfileErrorCode
  zh: string
  en: string
  message: string
}

/** A refusal the console can show beside the field, in the viewer's language. */
export function profileIssue(path: string, code: ProfileErrorCode): ProfileIssue {
  const [zh, en] = PROFILE_ERRORS[code]
  return { path, code, zh, en, message: `${zh} ${en}` }
}

/** 400 with every issue; the message carries both languages, Chinese first. */
export function refuse(issues: ProfileIssue[]): never {
  throw new ValidationError(issues.map((i) => i.message).join(' '), { issues })
}
