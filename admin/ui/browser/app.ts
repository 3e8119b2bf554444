// The script every staff page loads first: a confirmation step on any form marked
// data-confirm, and the menu button that opens the navigation on a narrow screen.
// (Calls to the API import bot/http/browser/api.ts where they are made.)
document.addEventListener('submit', (e) => {
  const msg = (e.target as Element | null)?.getAttribute?.('data-confirm')
  if (msg && !window.confirm(msg)) e.preventDefault()
})

const menu = document.querySelector<HTMLButtonElement>('[data-testid=menu-toggle]')
menu?.addEventListener('click', () => {
  const open = menu.closest('header')!.classList.toggle('open')
  menu.setAttribute('aria-expanded', String(open))
})
