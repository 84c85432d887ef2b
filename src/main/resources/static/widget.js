// Switchboard's chat widget. One tag on any page opens a chat with the support team:
//
//   <script src="https://support.example.com/widget.js" async
//           data-title="Chat with us" data-greeting="Ask us anything."></script>
//
// The customer's first message opens a `chat` ticket; the conversation then runs live both ways (the
// agents' replies arrive as server-sent events). The conversation's token is kept in this site's
// localStorage, so a reload continues it. No cookies, no third-party code; its styles live in a shadow
// root, so the page's CSS and the widget's leave each other alone.
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || window.__switchboardChat) {
    return;
  }
  window.__switchboardChat = true;
  const base = new URL(script.src).origin;
  const api = base + "/api/v1/chat/conversations";
  const title = script.dataset.title || "Chat with us";
  const greeting = script.dataset.greeting || "Write to us and we will answer here.";
  const storageKey = "switchboard-chat:" + base;

  const host = document.createElement("div");
  host.id = "switchboard-chat";
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `
    <style>
      :host { all: initial; }
      [hidden] { display: none !important; }
      * { box-sizing: border-box; font: 14px/1.4 system-ui, sans-serif; }
      .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 24px;
        padding: 12px 18px; background: #1f5fbf; color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
      .panel { position: fixed; right: 20px; bottom: 76px; z-index: 2147483000; width: 340px; max-width: calc(100vw - 40px);
        height: 460px; max-height: calc(100vh - 100px); display: flex; flex-direction: column; background: #fff; color: #111;
        border-radius: 10px; box-shadow: 0 4px 24px rgba(0,0,0,.25); overflow: hidden; }
      header { background: #1f5fbf; color: #fff; padding: 10px 14px; display: flex; justify-content: space-between; }
      header button { background: none; border: 0; color: #fff; cursor: pointer; font-size: 18px; }
      .log { flex: 1; overflow-y: auto; padding: 10px; display: flex; flex-direction: column; gap: 6px; background: #f6f7f9; }
      .msg { max-width: 85%; padding: 7px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
      .msg.customer { align-self: flex-end; background: #1f5fbf; color: #fff; }
      .msg.agent { align-self: flex-start; background: #fff; border: 1px solid #dde; }
      .note { color: #555; font-size: 12px; text-align: center; }
      form { display: flex; flex-direction: column; gap: 6px; padding: 10px; border-top: 1px solid #e3e5ea; }
      input, textarea { width: 100%; padding: 7px; border: 1px solid #c8ccd4; border-radius: 6px; }
      textarea { resize: none; height: 60px; }
      button.send { align-self: flex-end; border: 0; border-radius: 6px; padding: 7px 14px; background: #1f5fbf; color: #fff; cursor: pointer; }
      .error { color: #a40000; font-size: 12px; }
    </style>
    <button class="launcher" type="button" aria-expanded="false" aria-controls="panel"></button>
    <section class="panel" id="panel" role="dialog" aria-label="" hidden>
      <header><strong class="title"></strong><button type="button" class="close" aria-label="Close">×</button></header>
      <div class="log" role="log" aria-live="polite"><p class="note greeting"></p></div>
      <form class="start">
        <input name="name" placeholder="Your name" autocomplete="name" aria-label="Your name">
        <input name="email" type="email" placeholder="Your email" autocomplete="email" required aria-label="Your email">
        <textarea name="text" placeholder="How can we help?" required aria-label="Your message"></textarea>
        <p class="error" role="alert" hidden></p>
        <button class="send" type="submit">Start chat</button>
      </form>
      <form class="say" hidden>
        <textarea name="text" placeholder="Write a message" required aria-label="Your message"></textarea>
        <p class="error" role="alert" hidden></p>
        <button class="send" type="submit">Send</button>
      </form>
    </section>`;
  const $ = (selector) => root.querySelector(selector);
  $(".launcher").textContent = title;
  $(".title").textContent = title;
  $(".panel").setAttribute("aria-label", title);
  $(".greeting").textContent = greeting;

  const shown = new Set();
  let token = null;
  let events = null;

  function show(message) {
    if (shown.has(message.id)) {
      return;
    }
    shown.add(message.id);
    const p = document.createElement("p");
    p.className = "msg " + (message.from === "customer" ? "customer" : "agent");
    p.dataset.id = message.id;
    p.textContent = message.text;
    $(".log").append(p);
    $(".log").scrollTop = $(".log").scrollHeight;
  }

  function problem(form, body) {
    const box = form.querySelector(".error");
    let text = "Something went wrong; please try again.";
    if (body && Array.isArray(body.errors) && body.errors.length) {
      text = body.errors.map((e) => e.field + ": " + e.message).join("; ");
    } else if (body && body.detail) {
      text = body.detail;
    }
    box.textContent = text;
    box.hidden = false;
  }

  async function post(url, payload) {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload) });
    let body = null;
    try { body = await response.json(); } catch (e) { /* no body */ }
    return { ok: response.ok, status: response.status, body };
  }

  function follow() {
    $(".start").hidden = true;
    $(".say").hidden = false;
    if (events) {
      events.close();
    }
    // EventSource reconnects by itself, naming the last message it has (Last-Event-ID).
    events = new EventSource(api + "/" + encodeURIComponent(token) + "/events");
    events.addEventListener("message", (event) => {
      try { show(JSON.parse(event.data)); } catch (e) { /* not ours */ }
    });
    events.addEventListener("error", () => {
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(resume, 5000);
      }
    });
  }

  function forget() {
    token = null;
    localStorage.removeItem(storageKey);
    if (events) {
      events.close();
      events = null;
    }
    $(".start").hidden = false;
    $(".say").hidden = true;
  }

  async function resume() {
    token = localStorage.getItem(storageKey);
    if (!token) {
      return;
    }
    const response = await fetch(api + "/" + encodeURIComponent(token));
    if (response.status === 404) {
      forget();
      return;
    }
    if (response.ok) {
      (await response.json()).messages.forEach(show);
      follow();
    }
  }

  $(".launcher").addEventListener("click", () => {
    const panel = $(".panel");
    panel.hidden = !panel.hidden;
    $(".launcher").setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) {
      (token ? $(".say textarea") : $(".start input[name=email]")).focus();
    }
  });
  $(".close").addEventListener("click", () => $(".launcher").click());

  $(".start").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    form.querySelector(".error").hidden = true;
    const field = (name) => form.elements.namedItem(name).value;
    const result = await post(api, { name: field("name"), email: field("email"), text: field("text") });
    if (!result.ok) {
      problem(form, result.body);
      return;
    }
    token = result.body.token;
    localStorage.setItem(storageKey, token);
    result.body.messages.forEach(show);
    form.reset();
    follow();
  });

  $(".say").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    form.querySelector(".error").hidden = true;
    const result = await post(api + "/" + encodeURIComponent(token) + "/messages",
      { text: form.elements.namedItem("text").value });
    if (result.status === 409) {
      problem(form, result.body);
      forget(); // closed: the next message opens a new conversation
      return;
    }
    if (!result.ok) {
      problem(form, result.body);
      return;
    }
    show(result.body);
    form.reset();
  });
  root.querySelectorAll("textarea").forEach((area) => area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      area.form.requestSubmit();
    }
  }));

  const attach = () => { document.body.append(host); resume(); };
  if (document.body) {
    attach();
  } else {
    document.addEventListener("DOMContentLoaded", attach);
  }
})();
