/**
 * The few domain errors. Verbs throw these; one mapper (bot/http/errors.ts) turns them
 * into HTTP statuses with a code, a message and the request id.
 */
export class DomainError extends Error {
  readonly status: number = 500
  readonly code: string = 'internal'
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class ValidationError extends DomainError {
  override readonly status = 400
  override readonly code: string = 'invalid_input'
}
export class Unauthorized extends DomainError {
  override readonly status = 401
  override readonly code = 'unauthorized'
}
export class Forbidden extends DomainError {
  override readonly status = 403
  override readonly code: string = 'forbidden'
}
export class NotFound extends DomainError {
  override readonly status = 404
  override readonly code = 'not_found'
}
export class Conflict extends DomainError {
  override readonly status = 409
  override readonly code = 'conflict'
}
export class PayloadTooLarge extends DomainError {
  override readonly status = 413
  override readonly code = 'payload_too_large'
}
export class RateLimited extends DomainError {
  override readonly status = 429
  override readonly code = 'rate_limited'
}
export class Unavailable extends DomainError {
  override readonly status = 503
  override readonly code = 'unavailable'
}
