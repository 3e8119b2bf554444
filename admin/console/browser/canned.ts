// The canned-replies page: its add and delete forms go through the console API as JSON.
import { handleApiForms } from '../../ui/browser/apiForms.ts'

handleApiForms({
  payload: (form) => ({ body: Object.fromEntries(new FormData(form)) }),
  describe: (err) => (err instanceof Error ? err.message : String(err)),
})
