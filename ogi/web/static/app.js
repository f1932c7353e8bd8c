// Sortable tables (the figures view): click a header to sort by that column.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.sortable")) {
    table.querySelectorAll("th").forEach((th, col) => {
      th.addEventListener("click", () => {
        const numeric = th.dataset.sort === "num";
        const body = table.tBodies[0];
        const down = th.dataset.dir !== "desc";
        th.dataset.dir = down ? "desc" : "asc";
        const key = (row) => row.cells[col].textContent.trim();
        const rows = Array.from(body.rows).sort((a, b) => {
          const x = key(a), y = key(b);
          const c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh");
          return down ? -c : c;
        });
        rows.forEach((r) => body.appendChild(r));
      });
    });
  }
});

// A reviewer's token (issue 19): entered once, kept in this browser's localStorage, sent as a
// bearer header by ogi.fetch. Reading needs none.
window.ogi = {
  token: () => localStorage.getItem("ogi-token") || "",
  setToken: (token) => (token ? localStorage.setItem("ogi-token", token) : localStorage.removeItem("ogi-token")),
  fetch: (url, options = {}) => {
    const headers = new Headers(options.headers || {});
    const token = window.ogi.token();
    if (token) headers.set("Authorization", "Bearer " + token);
    return fetch(url, { ...options, headers });
  },
};

// Saved searches (issue 19): their forms send the token in the body; fill it from the one kept here.
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("form[action^='/searches/'] input[name=token]")) {
    if (!input.value && window.ogi.token()) input.value = window.ogi.token();
  }
});
