// The report page's review forms (issue 19): verdicts, corrections, tags and notes are sent as
// JSON with the reviewer's bearer token (window.ogi.fetch, app.js); the page reloads to show them.
(() => {
  const section = document.getElementById("review");
  if (!section || !window.ogi) return;
  const report = section.dataset.report;
  const base = "/api/reports/" + encodeURIComponent(report) + "/";
  const status = document.getElementById("review-status");
  const who = document.getElementById("review-who");
  const say = (text, bad) => {
    status.textContent = text;
    status.className = bad ? "error" : "note";
  };
  const problem = async (response) => {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = body.detail || body.error || detail;
      if (Array.isArray(detail)) detail = detail.map((d) => d.msg).join("; ");
    } catch (e) { /* not JSON */ }
    if (response.status === 401) return "Not recorded: a reviewer's token is needed (401). " + detail;
    if (response.status === 403) return "Not recorded: not allowed (403). " + detail;
    return "Not recorded (" + response.status + "): " + detail;
  };
  const showWho = async () => {
    if (!window.ogi.token()) {
      who.textContent = "No token: you can read, not record.";
      document.querySelectorAll(".reviewer-only").forEach((el) => { el.hidden = true; });
      return;
    }
    const response = await window.ogi.fetch("/api/me");
    if (response.ok) {
      const me = await response.json();
      who.textContent = "Recording as " + me.name + " (" + me.role + ")";
      who.dataset.name = me.name;
      document.querySelectorAll(".reviewer-only").forEach((el) => { el.hidden = false; });
    } else {
      who.textContent = "This token is not valid (" + response.status + ").";
    }
  };
  document.getElementById("review-token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("review-token");
    window.ogi.setToken(input.value.trim());
    input.value = "";
    showWho();
  });
  document.getElementById("review-forget").addEventListener("click", () => {
    window.ogi.setToken("");
    showWho();
  });
  for (const form of section.querySelectorAll("form.review-action")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = Object.fromEntries(new FormData(form).entries());
      const response = await window.ogi.fetch(base + form.dataset.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.ok) {
        say("Recorded 已记录.", false);
        window.location.reload();
      } else {
        say(await problem(response), true);
      }
    });
  }
  for (const button of section.querySelectorAll("button.untag")) {
    button.addEventListener("click", async () => {
      const response = await window.ogi.fetch(base + "tags/" + encodeURIComponent(button.dataset.tag), { method: "DELETE" });
      if (response.ok) window.location.reload();
      else say(await problem(response), true);
    });
  }
  if (window.ogi.token()) document.getElementById("review-forms").open = true;
  showWho();
})();
