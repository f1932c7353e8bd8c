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
