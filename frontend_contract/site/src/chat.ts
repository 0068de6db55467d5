/// <reference lib="dom" />
// The live chat of a conversation's page, loaded only there (the rest of the site sends no
// JavaScript; without it, the page's form and its "refresh" link do the same work).
//
// It speaks `graphql-transport-ws` (github.com/enisdenjo/graphql-ws, PROTOCOL.md) to the
// portal's WebSocket endpoint with the contract's trusted documents, by `documentId`:
// `ReferenceConversationEvents` from the last message the page shows (`after`), so a dropped
// connection resumes where it stopped; messages are sent with `ReferenceSendMessage` over the
// same socket and come back through the subscription, in order, like the librarian's.

type Link = { kind: string; id: string; title?: string | null };
type Message = { seq: number; role: string; authorName?: string | null; body: string; createdAt: string; links: Link[] };
type Conversation = { status: string; kind: string; queuePosition?: number | null; librarianName?: string | null };
type Event = { kind: string; typingRole?: string | null; conversation: Conversation; message?: Message | null };

const root = document.getElementById("live");
const list = document.getElementById("messages");
const form = document.getElementById("reply") as HTMLFormElement | null;
const status = document.getElementById("status");
const typing = document.getElementById("typing");

if (root && list && form && status && typing) {
  const data = root.dataset;
  const token = data.token || null;
  const textarea = form.querySelector("textarea") as HTMLTextAreaElement;
  let after = Number(data.after ?? "0");
  let socket: WebSocket | null = null;
  let ready = false;
  let retry = 1000;
  let counter = 0;
  let typingTimer = 0;
  let lastTyping = 0;

  const names: Record<string, string> = {
    ASKER: data.you ?? "",
    LIBRARIAN: data.librarian ?? "",
    SYSTEM: data.system ?? "",
  };
  const time = new Intl.DateTimeFormat(data.lang === "en" ? "en-GB" : "id-ID", {
    timeStyle: "short",
    timeZone: "Asia/Jayapura",
  });

  const show = (message: Message) => {
    if (message.seq <= after) return; // already on the page (or a repeat after resuming)
    after = message.seq;
    const item = document.createElement("li");
    item.className = "card";
    item.dataset.seq = String(message.seq);
    const meta = document.createElement("p");
    meta.className = "meta";
    const who = message.role === "LIBRARIAN" && message.authorName ? message.authorName : names[message.role];
    meta.textContent = `${who} · ${time.format(new Date(message.createdAt))}`;
    const body = document.createElement("p");
    body.textContent = message.body;
    item.append(meta, body);
    const books = message.links.filter((link) => link.kind === "BOOK");
    if (books.length) {
      const links = document.createElement("ul");
      for (const book of books) {
        const entry = document.createElement("li");
        const anchor = document.createElement("a");
        anchor.href = `/katalog/buku/${encodeURIComponent(book.id)}`;
        anchor.textContent = book.title ?? book.id;
        entry.append(anchor);
        links.append(entry);
      }
      item.append(links);
    }
    list.append(item);
    typing.hidden = true;
  };

  const send = (message: object) => socket?.send(JSON.stringify(message));

  const operation = (documentId: string | undefined, variables: object) => {
    counter += 1;
    const id = `op${counter}`;
    send({ id, type: "subscribe", payload: { documentId, variables } });
    return id;
  };

  const subscribe = () =>
    send({
      id: "events",
      type: "subscribe",
      payload: { documentId: data.events, variables: { id: data.id, token, after: String(after) } },
    });

  const connect = () => {
    socket = new WebSocket(data.ws ?? "", "graphql-transport-ws");
    socket.addEventListener("open", () => {
      send({ type: "connection_init", payload: { language: data.lang } });
    });
    socket.addEventListener("message", (raw) => {
      const message = JSON.parse(String(raw.data));
      if (message.type === "connection_ack") {
        ready = true;
        retry = 1000;
        root.hidden = false;
        root.textContent = data.connected ?? "";
        subscribe();
      } else if (message.type === "ping") {
        send({ type: "pong" });
      } else if (message.type === "next" && message.id === "events") {
        const event: Event | undefined = message.payload?.data?.conversationEvents;
        if (!event) return;
        if (event.kind === "MESSAGE" && event.message) show(event.message);
        if (event.kind === "TYPING" && event.typingRole === "LIBRARIAN") {
          typing.hidden = false;
          window.clearTimeout(typingTimer);
          typingTimer = window.setTimeout(() => (typing.hidden = true), 4000);
        }
        if (event.kind === "STATUS" || event.kind === "MESSAGE") updateStatus(event.conversation);
      } else if (message.type === "error" && message.id === "events") {
        root.hidden = true; // the page's form and refresh link still work
      }
    });
    socket.addEventListener("close", (closed) => {
      ready = false;
      root.hidden = true;
      if (closed.code === 4403 || closed.code === 4400) return; // refused: stay on the form
      window.setTimeout(connect, retry); // resumes from `after`: nothing is lost
      retry = Math.min(retry * 2, 30000);
    });
  };

  // The same wording as the page's, from its data attributes.
  const updateStatus = (conversation: Conversation) => {
    const text: Record<string, string> = {
      WAITING: `${data.queuePlace} ${conversation.queuePosition ?? 1}`,
      ACTIVE: `${data.answeredBy} ${conversation.librarianName ?? names.LIBRARIAN}`,
      OPEN: data.ticketOpen ?? "",
      ANSWERED: data.ticketAnswered ?? "",
      CLOSED: data.closed ?? "",
    };
    if (text[conversation.status] && status.textContent !== text[conversation.status]) {
      status.textContent = text[conversation.status];
    }
    if (conversation.status === "CLOSED") form.hidden = true;
  };

  form.addEventListener("submit", (submitted) => {
    const body = textarea.value.trim();
    if (!ready || !body) return; // without the socket, the form posts to the site
    submitted.preventDefault();
    operation(data.send, { id: data.id, body, token });
    textarea.value = "";
  });

  textarea.addEventListener("input", () => {
    const now = Date.now();
    if (ready && now - lastTyping > 3000) {
      lastTyping = now;
      operation(data.typing, { id: data.id, token });
    }
  });

  connect();
}
