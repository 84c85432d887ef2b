// Switchboard's light touch: the agent's live stream, a cue for new work, keyboard shortcuts, and CSRF
// for htmx requests. Everything works without it too (plain forms and links), only less live.
(function () {
  "use strict";

  const csrfHeader = document.querySelector('meta[name="csrf-header"]');
  const csrfToken = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener("htmx:configRequest", (event) => {
    if (csrfHeader && csrfToken) {
      event.detail.headers[csrfHeader.content] = csrfToken.content;
    }
  });

  function refreshLists() {
    if (window.htmx && document.getElementById("lists")) {
      window.htmx.trigger(document.body, "refresh");
    }
  }

  function cue(text, ticketId) {
    const box = document.getElementById("cue");
    if (!box) {
      return;
    }
    box.textContent = "";
    const strong = document.createElement("strong");
    strong.textContent = "New ticket: ";
    const link = document.createElement("a");
    link.href = "/tickets/" + encodeURIComponent(ticketId);
    link.textContent = text || ticketId;
    link.id = "cue-link";
    box.append(strong, link);
    box.hidden = false;
    document.title = "● " + document.title.replace(/^● /, "");
    clearTimeout(cue.timer);
    cue.timer = setTimeout(() => { box.hidden = true; }, 15000);
  }

  // --- the stream: assignments and withdrawals arrive live ---
  const stream = document.getElementById("stream");
  if (stream && stream.dataset.token) {
    let delay = 1000;
    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      const socket = new WebSocket(scheme + "//" + location.host + "/api/v1/stream?access_token="
        + encodeURIComponent(stream.dataset.token));
      socket.addEventListener("open", () => { delay = 1000; document.body.dataset.stream = "open"; });
      socket.addEventListener("message", (event) => {
        let message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        if (message.type === "assignment") {
          cue(message.ticket.subject || message.ticket.body.slice(0, 60), message.ticket.id);
          refreshLists();
        } else if (message.type === "withdrawn") {
          refreshLists();
        } else if (message.type === "unavailable") {
          // Routing took the agent to be away (offers ran out): the switch shows it, and turns it back on.
          const form = document.querySelector("#availability form");
          if (form) {
            form.querySelector('input[name="available"]').value = "true";
            const button = form.querySelector("#availability-switch");
            button.setAttribute("aria-checked", "false");
            button.title = message.reason || "";
            button.querySelector("span:not(.knob)").textContent = "Not taking new tickets";
          }
        }
      });
      socket.addEventListener("close", (event) => {
        document.body.dataset.stream = "closed";
        if (event.code !== 4403) {
          setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30000);
        }
      });
    };
    connect();
  }

  // --- the ticket page: the conversation live (a customer's chat, replies and notes by others) ---
  const conversation = document.getElementById("conversation");
  if (conversation && conversation.dataset.events && window.EventSource) {
    const events = new EventSource(conversation.dataset.events);
    events.addEventListener("message", (event) => {
      let m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (conversation.querySelector('[data-message="' + CSS.escape(m.id) + '"]')) {
        return;
      }
      const article = document.createElement("article");
      article.className = "message " + m.kind + " live";
      article.dataset.message = m.id;
      const header = document.createElement("header");
      const who = document.createElement("strong");
      who.textContent = m.kind === "note" ? "Internal note" : (m.kind === "customer" ? "Customer" : "Reply");
      const name = document.createElement("span");
      name.className = "muted";
      name.textContent = m.who ? " " + m.who : "";
      const when = document.createElement("time");
      when.textContent = "just now";
      when.dateTime = m.at;
      header.append(who, name, " ", when);
      const body = document.createElement("div");
      body.className = "body";
      body.textContent = m.text;
      article.append(header, body);
      conversation.insertBefore(article, conversation.querySelector("form.reply"));
    });
  }

  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "lists") {
      document.querySelectorAll("#lists .ticket-row").forEach((row) => {
        if (!row.dataset.seen && sessionStorage.getItem("seen:" + row.dataset.ticket) === null) {
          row.classList.add("fresh");
        }
        sessionStorage.setItem("seen:" + row.dataset.ticket, "1");
      });
    }
  });

  // --- keyboard shortcuts for the common moves ---
  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }
  function rows() {
    return Array.from(document.querySelectorAll(".ticket-row"));
  }
  function select(delta) {
    const all = rows();
    if (all.length === 0) {
      return;
    }
    let index = all.findIndex((r) => r.classList.contains("selected"));
    all.forEach((r) => r.classList.remove("selected"));
    index = index < 0 ? 0 : Math.max(0, Math.min(all.length - 1, index + delta));
    all[index].classList.add("selected");
    const link = all[index].querySelector("a");
    if (link) {
      link.focus();
    }
  }
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      if (event.key === "Escape" && typing(event.target)) {
        event.target.blur();
      }
      return;
    }
    const page = document.body.dataset.page;
    switch (event.key) {
      case "j": select(1); break;
      case "k": select(-1); break;
      case "a": {
        const toggle = document.getElementById("availability-switch");
        if (toggle) { toggle.click(); }
        break;
      }
      case "/": {
        if (page === "tickets") {
          event.preventDefault();
          document.getElementById("search").focus();
        } else {
          location.href = "/tickets";
        }
        break;
      }
      case "r": {
        const reply = document.getElementById("reply-body");
        if (reply) { event.preventDefault(); reply.focus(); }
        break;
      }
      case "Escape": if (page === "ticket") { location.href = "/"; } break;
      default: return;
    }
  });
})();
