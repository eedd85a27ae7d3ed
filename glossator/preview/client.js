// Live reload for `glossator serve`: added to pages by the preview server only.
(() => {
  "use strict";
  const me = document.currentScript;
  let build = Number(me.dataset.build);
  let overlay = null;

  const showErrors = (lines) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "glossator-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;" +
        "margin:0;padding:16px 20px;background:#1d1f24;color:#ffd9d6;border-top:4px solid #e5484d;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -8px 30px rgba(0,0,0,.35)";
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = "The last save has problems; showing the last good build.";
    title.style.cssText = "display:block;color:#fff;margin-bottom:8px;font-family:system-ui,sans-serif";
    overlay.append(title);
    for (const line of lines) {
      const row = document.createElement("div");
      row.className = "glossator-error";
      row.textContent = line; // contributor text: never parsed as HTML
      overlay.append(row);
    }
  };
  const hideErrors = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };
  const swapCss = (pairs) => {
    let swapped = false;
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const path = new URL(link.href, location.href).pathname;
      for (const [before, after] of pairs) {
        if (path === before) {
          link.href = after;
          swapped = true;
        }
      }
    }
    return swapped;
  };

  const connect = () => {
    const events = new EventSource(me.dataset.events);
    events.addEventListener("state", (message) => {
      const state = JSON.parse(message.data);
      if (state.errors.length) showErrors(state.errors);
      else hideErrors();
      if (state.build === build) return;
      if (state.css && state.cssFrom === build && swapCss(state.css)) {
        build = state.build;
        return;
      }
      location.reload();
    });
    // EventSource retries a dropped stream by itself, but gives up for good when a retry is
    // refused (a restarting server); then open a new one. After a restart the first state decides.
    events.addEventListener("error", () => {
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 500);
    });
  };
  connect();
})();
