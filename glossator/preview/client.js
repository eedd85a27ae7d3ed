// Live reload for `glossator serve`: added to pages by the preview server only.
(() => {
  "use strict";
  const me = document.currentScript;
  let build = Number(me.dataset.build);
  let overlay = null;
  const HIDDEN = "glossator-hidden-warnings"; // the warnings put away, until they change
  const hidden = () => {
    try {
      return sessionStorage.getItem(HIDDEN);
    } catch {
      return null; // storage refused: nothing was put away
    }
  };

  const rows = (lines, className, colour) =>
    lines.map((line) => {
      const row = document.createElement("div");
      row.className = className;
      row.style.color = colour;
      row.textContent = line; // contributor text: never parsed as HTML
      return row;
    });
  const heading = (text, colour) => {
    const title = document.createElement("strong");
    title.textContent = text;
    title.style.cssText = `display:block;color:${colour};margin:8px 0;font-family:system-ui,sans-serif`;
    return title;
  };
  const hideProblems = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };
  // Errors: the last save was not built. Warnings: it was, but `check` and a build without drafts
  // would refuse it (a link to a draft), so the preview says so rather than hide what CI will fail on.
  const showProblems = (errors, warnings) => {
    const key = warnings.join("\n");
    if (!errors.length && (!warnings.length || hidden() === key)) return hideProblems();
    if (!overlay) {
      overlay = document.createElement("div");
      document.body.append(overlay);
    }
    const colour = errors.length ? "#e5484d" : "#f5a524";
    overlay.id = errors.length ? "glossator-errors" : "glossator-warnings";
    overlay.setAttribute("role", errors.length ? "alert" : "status");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;" +
      `margin:0;padding:8px 20px 16px;background:#1d1f24;border-top:4px solid ${colour};` +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -8px 30px rgba(0,0,0,.35)";
    overlay.replaceChildren();
    if (errors.length) {
      overlay.append(heading("The last save has problems; showing the last good build.", "#fff"));
      overlay.append(...rows(errors, "glossator-error", "#ffd9d6"));
    }
    if (warnings.length) {
      const text = "Built here, but `check` and a build without drafts fail on this:";
      overlay.append(heading(errors.length ? "Also:" : text, "#ffe7b3"));
      overlay.append(...rows(warnings, "glossator-warning", "#ffe7b3"));
    }
    if (!errors.length) {
      const hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "Hide until this changes";
      hide.style.cssText = "margin-top:8px;font:inherit;font-family:system-ui,sans-serif;padding:6px 12px;" +
        "min-height:44px;color:#1d1f24;background:#ffe7b3;border:0;border-radius:4px;cursor:pointer";
      hide.addEventListener("click", () => {
        try {
          sessionStorage.setItem(HIDDEN, key);
        } catch {
          // storage refused: hidden on this page only
        }
        hideProblems();
      });
      overlay.append(hide);
    }
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
      showProblems(state.errors, state.warnings || []);
      me.dataset.shown = String(state.build); // the state this page has taken in (what tests wait for)
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
