/** Real files for media tests: a 1×1 PNG (its bytes as any image viewer reads them), made unique by a trailing label. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** A PNG whose bytes (and so its stored id) differ by `label`: browsers ignore what follows IEND. */
export const pngLabelled = (label: string) => new Uint8Array(Buffer.concat([PNG_1PX, Buffer.from(label)]))
