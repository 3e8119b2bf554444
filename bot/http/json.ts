/**
 * Read and validate a JSON body: malformed JSON and schema failures are 400s, never 500s.
 * Every validated input, and every query string read through `queryParams`, loses its NUL
 * characters first (nul.ts): the database cannot store them.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { ValidationError } from '../errors.ts'
import { storableText } from './nul.ts'

export async function readJson<S extends z.ZodType>(c: Context<any>, schema: S): Promise<z.infer<S>> {
  let body: unknown
  try {
    const text = await c.req.text()
    body = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw new ValidationError('The request body is not valid JSON.')
  }
  return parseInput(schema, body)
}

/** A schema refused the input; keeps zod's issues so the error mapper can word them in zh too. */
export class InvalidInput extends ValidationError {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('The request is not valid.', { issues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })) })
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(storableText(input))
  if (!r.success) throw new InvalidInput(r.error.issues)
  return r.data
}

/** The query string as an object of strings, without NUL characters (for pages that parse it themselves). */
export const queryParams = (c: Context<any>): Record<string, string> => storableText(c.req.query())

/** One query parameter, without NUL characters. */
export const queryParam = (c: Context<any>, name: string): string | undefined => storableText(c.req.query(name))
