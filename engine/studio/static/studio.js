// The studio works without this script. With it, the draft is checked as the officer types (the
// server runs the same checks as `ratings validate`), and the threshold slider highlights its value.
"use strict";

function checkAsYouType(form) {
  let timer = null;
  let asked = 0;
  async function check() {
    const mine = ++asked;
    const body = new FormData(form);
    body.set("action", "check");
    let answer;
    try {
      const response = await fetch(form.dataset.check, {method: "POST", body, credentials: "same-origin"});
      if (!response.ok) return;
      answer = await response.json();
    } catch (error) {
      return; // the studio stopped: the page still works when submitted
    }
    if (mine !== asked) return; // a later check is on its way
    show(answer.problems);
  }
  function show(problems) {
    form.querySelectorAll(".errors").forEach((slot) => { slot.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
    form.querySelectorAll(".has-error").forEach((field) => field.classList.remove("has-error"));
    for (const problem of problems) {
      let pointer = problem.pointer;
      // The nearest field or group on this page that holds the place the problem names.
      while (pointer && !document.getElementById(idOf(pointer) + "-errors")) {
        pointer = pointer.slice(0, pointer.lastIndexOf("/"));
      }
      if (!pointer) continue;
      const slot = document.getElementById(idOf(pointer) + "-errors");
      const line = document.createElement("p");
      line.className = "error";
      line.textContent = problem.words;
      slot.appendChild(line);
      const field = document.getElementById(idOf(pointer));
      if (field && field.tagName !== "FIELDSET") {
        field.setAttribute("aria-invalid", "true");
        field.closest(".field")?.classList.add("has-error");
      }
    }
    const summary = document.getElementById("problem-summary");
    if (summary) {
      summary.className = problems.length ? "summary" : "summary ok";
      summary.setAttribute("role", "status");
      summary.textContent = problems.length
        ? `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before saving: ` +
          problems.map((p) => `${p.pointer || "/"}: ${p.words}`).join("; ")
        : "No problems: this draft passes every check ratings validate makes.";
    }
  }
  form.addEventListener("change", check);
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 400); });
}

// The same id the server gives the field at POINTER (engine/studio/pointers.py, field_id).
function idOf(pointer) {
  let id = "f";
  for (const c of pointer) {
    id += /^[A-Za-z0-9]$/.test(c) ? c : `-${c.codePointAt(0).toString(16)}-`;
  }
  return id;
}

function slider(box) {
  const range = box.querySelector("input[type=range]");
  const output = box.querySelector("output");
  const values = range.dataset.values.split(",");
  range.addEventListener("input", () => {
    output.textContent = values[Number(range.value)];
    box.querySelectorAll("[data-col]").forEach((cell) => {
      cell.classList.toggle("chosen", cell.dataset.col === range.value);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const editor = document.getElementById("editor");
  if (editor && editor.dataset.check) checkAsYouType(editor);
  document.querySelectorAll("[data-slider]").forEach(slider);
});
