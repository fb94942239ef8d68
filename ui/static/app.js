// Snippets the page runs after an event. ui/layout.py reads each one by its "// --- name ---" line: every
// snippet is one function expression, as Gradio's `js=` expects.

// --- scroll-to-reply ---
// After a reply, scroll the conversation so the question and the start of the answer are in view (the
// default autoscroll would show the end of the last cited passage).
() => {
  const wrap = document.querySelector('#rag-chat [role=log]');
  const rows = document.querySelectorAll('#rag-chat .message-row.user-row');
  if (!wrap || !rows.length) return;
  const top = rows[rows.length - 1].getBoundingClientRect().top - wrap.getBoundingClientRect().top;
  wrap.scrollTop += top - 8;
}

// --- scroll-to-quote ---
// Scroll the article in the Context tab to the first cited character.
() => {
  const box = document.querySelector('#rag-context .rag-article');
  const mark = box && box.querySelector('mark');
  if (!mark || !box.offsetParent) return;
  box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - 60;
}
