// The script every staff page loads first: a confirmation step on any form marked
// data-confirm. (Calls to the API import bot/http/browser/api.ts where they are made.)
document.addEventListener('submit', (e) => {
  const msg = (e.target as Element | null)?.getAttribute?.('data-confirm')
  if (msg && !window.confirm(msg)) e.preventDefault()
})
