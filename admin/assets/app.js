// The little client script every staff page shares: fetch with the session's CSRF token,
// and a confirmation step on any form or button marked data-confirm.
const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''

window.kefu = {
  async api(method, url, body) {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const data = await res.json().catch(() => ({}))
    if (!res.ok) throw Object.assign(new Error(data?.error?.message ?? res.statusText), { status: res.status, data })
    return data
  },
}

document.addEventListener('submit', (e) => {
  const msg = e.target?.getAttribute?.('data-confirm')
  if (msg && !window.confirm(msg)) e.preventDefault()
})
