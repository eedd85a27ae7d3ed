// Progressive enhancements only: every page works without this file.
(() => {
  "use strict";

  const fold = (text) =>
    text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

  // ---- "Ask a question": explain a too-short question in words, not only a tooltip.
  for (const form of document.querySelectorAll("form.ask__form")) {
    const field = form.querySelector("textarea");
    const hint = form.querySelector(".ask__hint");
    if (!field || !hint) continue;
    const normal = hint.textContent;
    const tooShort = form.dataset.tooShort || normal;
    const check = () => {
      const short = field.value.trim().length < 10;
      field.setCustomValidity(short ? tooShort : "");
      return !short;
    };
    const complain = () => {
      hint.textContent = tooShort;
      hint.classList.add("is-error");
    };
    field.addEventListener("input", () => {
      if (hint.classList.contains("is-error") && check()) {
        hint.textContent = normal;
        hint.classList.remove("is-error");
      }
    });
    form.addEventListener("submit", (event) => {
      if (!check()) {
        event.preventDefault();
        complain();
        field.focus();
      }
    });
    field.addEventListener("invalid", () => {
      check();
      complain();
    });
  }

  // ---- Opening a link to a collapsed section opens it.
  const openTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // ---- Printing shows every section, then puts back the ones the reader had closed.
  let closedForPrint = [];
  window.addEventListener("beforeprint", () => {
    closedForPrint = [...document.querySelectorAll("details.step:not([open])")];
    for (const section of closedForPrint) section.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const section of closedForPrint) section.open = false;
    closedForPrint = [];
  });

  // ---- Term previews: the linked entry's 30-second version on hover, focus or tap.
  const previewData = document.getElementById("term-previews");
  if (previewData) {
    const previews = JSON.parse(previewData.textContent);
    const card = document.createElement("div");
    card.className = "preview";
    card.id = "term-preview";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.append(card);
    let owner = null;
    let hideTimer = 0;

    const place = (link) => {
      const box = link.getBoundingClientRect();
      const width = Math.min(340, document.documentElement.clientWidth - 24);
      card.style.width = `${width}px`;
      const left = Math.max(12, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 12));
      card.style.left = `${left}px`;
      const below = box.bottom + window.scrollY + 8;
      const height = card.offsetHeight;
      const fitsBelow = box.bottom + 8 + height < window.innerHeight;
      card.style.top = `${fitsBelow ? below : box.top + window.scrollY - height - 8}px`;
    };
    const show = (link) => {
      const data = previews[new URL(link.href, location.href).pathname];
      if (!data) return;
      clearTimeout(hideTimer);
      if (owner && owner !== link) owner.removeAttribute("aria-describedby");
      owner = link;
      card.replaceChildren();
      if (data.lang) card.lang = data.lang; else card.removeAttribute("lang");
      const meta = document.createElement("p");
      meta.className = "preview__meta";
      meta.textContent = data.meta;
      const title = document.createElement("p");
      title.className = "preview__title";
      title.textContent = data.title;
      const text = document.createElement("p");
      text.className = "preview__text";
      text.textContent = data.summary;
      card.append(meta, title, text);
      card.hidden = false;
      link.setAttribute("aria-describedby", card.id);
      place(link);
    };
    const hide = () => {
      card.hidden = true;
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
    };
    const hideSoon = () => {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 120);
    };
    for (const link of document.querySelectorAll("a.term")) {
      link.addEventListener("mouseenter", () => show(link));
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", () => show(link));
      link.addEventListener("blur", hideSoon);
      // On touch screens the first tap shows the preview, a second tap follows the link.
      link.addEventListener("click", (event) => {
        if (link.dataset.tapped !== "1" && matchMedia("(hover: none)").matches) {
          event.preventDefault();
          for (const other of document.querySelectorAll("a.term[data-tapped]")) delete other.dataset.tapped;
          link.dataset.tapped = "1";
          show(link);
        }
      });
    }
    card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    card.addEventListener("mouseleave", hideSoon);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !card.hidden) hide();
    });
    document.addEventListener("pointerdown", (event) => {
      if (!card.hidden && !card.contains(event.target) && event.target !== owner) hide();
    });
    window.addEventListener("resize", () => owner && place(owner));
  }

  // ---- Header search: jump straight to a term by title or alias.
  const form = document.querySelector("form.site-search");
  if (form) {
    const input = form.querySelector("input");
    const list = form.querySelector("[role=listbox]");
    let names = null;
    let matches = [];
    let active = -1;
    let shownFor = null; // the query the list currently shows
    const load = async () => {
      if (!names) {
        const response = await fetch(form.dataset.names);
        // A fourth item marks a deprecated term: offered after current ones, with its label.
        names = (await response.json()).map(([title, url, aliases, about = {}]) => ({
          title, url, keys: [title, ...aliases].map(fold), note: about.deprecated || "",
        }));
      }
      return names;
    };
    const rank = (entry, query) => {
      let best = 0;
      for (const key of entry.keys) {
        if (key === query) best = Math.max(best, 3);
        else if (key.startsWith(query)) best = Math.max(best, 2);
        else if (key.includes(query)) best = Math.max(best, 1);
      }
      return best;
    };
    const render = () => {
      list.replaceChildren();
      matches.forEach((match, i) => {
        const option = document.createElement("li");
        option.id = `site-search-option-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", String(i === active));
        option.textContent = match.title;
        if (match.note) {
          const note = document.createElement("span");
          note.className = "site-search__note";
          note.textContent = ` · ${match.note}`;
          option.append(note);
        }
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          location.href = match.url;
        });
        list.append(option);
      });
      const query = input.value.trim();
      if (query) {
        const all = document.createElement("li");
        all.id = `site-search-option-${matches.length}`;
        all.setAttribute("role", "option");
        all.setAttribute("aria-selected", String(active === matches.length));
        all.className = "site-search__all";
        all.textContent = (form.dataset.allLabel || "Search all entries for “{q}”").replace("{q}", query);
        all.addEventListener("mousedown", (event) => {
          event.preventDefault();
          location.href = `${form.dataset.searchPage}?q=${encodeURIComponent(query)}`;
        });
        list.append(all);
      }
      const open = list.children.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (active >= 0) input.setAttribute("aria-activedescendant", `site-search-option-${active}`);
      else input.removeAttribute("aria-activedescendant");
    };
    const update = async () => {
      const query = fold(input.value);
      const all = await load();
      shownFor = input.value;
      matches = query
        ? all.map((entry) => [rank(entry, query), entry]).filter(([score]) => score > 0)
            .sort((a, b) => Number(Boolean(a[1].note)) - Number(Boolean(b[1].note)) || b[0] - a[0]
              || a[1].title.localeCompare(b[1].title)).slice(0, 8).map(([, e]) => e)
        : [];
      active = -1;
      render();
    };
    input.addEventListener("focus", () => { load().catch(() => {}); });
    input.addEventListener("input", () => { update().catch(() => {}); });
    input.addEventListener("keydown", (event) => {
      const count = list.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        active = (active + 1) % count;
        render();
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        active = (active - 1 + count) % count;
        render();
      } else if (event.key === "Escape") {
        matches = [];
        active = -1;
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
    });
    input.addEventListener("blur", () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const query = input.value.trim();
      if (!query) return;
      if (shownFor !== input.value) await update();
      const choice = active >= 0 && active < matches.length ? matches[active] : matches[0];
      if (choice && active !== matches.length) location.href = choice.url;
      else location.href = `${form.dataset.searchPage}?q=${encodeURIComponent(query)}`;
    });
  }

  // ---- The search page: full-text results from Pagefind, narrowed by category and level.
  const page = document.querySelector(".search-page");
  if (page) {
    const box = page.querySelector("#search-query");
    const status = page.querySelector(".search-status");
    const results = page.querySelector(".search-results");
    const params = new URLSearchParams(location.search);
    box.value = params.get("q") || "";
    for (const check of page.querySelectorAll(".search-filters input")) {
      check.checked = params.getAll(check.name).includes(check.value);
    }
    let engine = null;
    const load = async () => {
      if (!engine) {
        engine = await import(`${page.dataset.pagefind}pagefind.js`);
        await engine.options({ baseUrl: page.dataset.pagefind.replace(/pagefind\/$/, "") });
      }
      return engine;
    };
    const filters = () => {
      const chosen = {};
      for (const check of page.querySelectorAll(".search-filters input:checked")) {
        (chosen[check.name] ||= []).push(check.value);
      }
      return Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, { any: v }]));
    };
    let serial = 0;
    const run = async () => {
      const mine = ++serial;
      const query = box.value.trim();
      const url = new URL(location.href);
      url.search = new URLSearchParams(new FormData(page.querySelector("form"))).toString();
      history.replaceState(null, "", url);
      if (!query) {
        results.replaceChildren();
        status.textContent = "";
        return;
      }
      const pagefind = await load();
      const search = await pagefind.search(query, { filters: filters() });
      const found = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      if (mine !== serial) return;
      // Deprecated terms come after current ones, in Pagefind's order otherwise (sort is stable).
      found.sort((a, b) => Number(Boolean(a.meta.deprecated)) - Number(Boolean(b.meta.deprecated)));
      results.replaceChildren();
      for (const item of found) {
        const li = document.createElement("li");
        li.className = "search-result";
        const link = document.createElement("a");
        link.href = item.url;
        link.className = "search-result__title";
        link.textContent = item.meta.title;
        if (item.meta.deprecated) {
          const note = document.createElement("span");
          note.className = "card__status";
          note.textContent = item.meta.deprecated;
          link.append(" ", note);
        }
        const excerpt = document.createElement("p");
        excerpt.className = "search-result__excerpt";
        // Pagefind marks matches with <mark>; rebuild that safely from text.
        for (const [i, part] of item.excerpt.split(/<\/?mark>/).entries()) {
          const text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
          if (i % 2) {
            const mark = document.createElement("mark");
            mark.textContent = text;
            excerpt.append(mark);
          } else excerpt.append(text);
        }
        li.append(link, excerpt);
        results.append(li);
      }
      const n = search.results.length;
      status.textContent = n === 0 ? status.dataset.none
        : (n === 1 ? status.dataset.countOne : status.dataset.countOther).replace("{n}", String(n));
    };
    let timer = 0;
    page.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
    for (const check of page.querySelectorAll(".search-filters input")) check.addEventListener("change", run);
    if (box.value) run();
  }

  // ---- Language switcher: a <details> menu that closes like one.
  const switcher = document.querySelector(".lang-switch");
  if (switcher) {
    document.addEventListener("click", (event) => {
      if (switcher.open && !switcher.contains(event.target)) switcher.open = false;
    });
    switcher.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && switcher.open) {
        switcher.open = false;
        switcher.querySelector("summary").focus();
      }
    });
  }
})();
