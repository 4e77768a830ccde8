// The learner's JupyterLab: fixes the course's widgets need and no Python setting gives, a launcher
// without programmers' tools, and a readable notebook on a phone.
// A hand-written module-federation container (no build step): JupyterLab loads this file, calls
// init() and get("./extension"), and activates the plugin it returns.
(function () {
  "use strict";

  // Keys a focused widget control uses itself; JupyterLab's notebook would otherwise take them as
  // command-mode shortcuts (ArrowDown selects the next cell instead of the next radio option).
  const WIDGET_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
                               "PageUp", "PageDown", " ", "Enter"]);
  const WIDGET = ".jp-OutputArea-output .jupyter-widgets";

  function keepKeysInWidgets(event) {
    const target = event.target;
    if (!(target instanceof Element) || !target.closest(WIDGET)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Enter" && event.shiftKey) return; // Shift+Enter still runs the cell
    if (WIDGET_KEYS.has(event.key) || event.key.length === 1) event.stopPropagation();
  }

  // ipywidgets draws a slider's handle as a div with role="slider" but no name: name it by the
  // slider's own label, as a screen reader would announce a labelled input.
  let labelCount = 0;
  function nameSliders(root) {
    for (const handle of root.querySelectorAll(".widget-slider .noUi-handle:not([aria-labelledby])")) {
      const label = handle.closest(".widget-slider").querySelector(":scope > .widget-label");
      if (!label || !label.textContent.trim()) continue;
      label.id = label.id || `medsome-slider-label-${++labelCount}`;
      handle.setAttribute("aria-labelledby", label.id);
    }
  }

  // A course widget's results (class medsome-live, from medsome.widgets.layout.live) are announced
  // by screen readers when they change: the element persists, only its content is replaced.
  function announceResults(root) {
    for (const result of root.querySelectorAll(".medsome-live:not([aria-live])")) {
      result.setAttribute("role", "status");
      result.setAttribute("aria-live", "polite");
    }
  }

  // An output wider than the notebook (a wide table) scrolls sideways: keyboard users reach it
  // with Tab and scroll it with the arrow keys.
  function focusScrollingOutputs(root) {
    for (const output of root.querySelectorAll(".jp-OutputArea-output:not([tabindex])")) {
      if (output.scrollWidth > output.clientWidth + 1) output.setAttribute("tabindex", "0");
    }
  }

  // nbgrader's Validate button belongs on assignments (notebooks whose cells carry nbgrader
  // metadata), not on lessons; it stays hidden (CSS below) until a notebook proves to be one.
  function markAssignment(widget) {
    const context = widget && widget.context;
    if (!widget.hasClass || !widget.hasClass("jp-NotebookPanel") || !context) return;
    context.ready.then(() => {
      const cells = context.model.toJSON().cells || [];
      const graded = cells.some(cell => cell.metadata && cell.metadata.nbgrader);
      widget.toggleClass("medsome-assignment", graded);
    });
  }

  // The launcher offers notebooks, text and markdown: no console and no Python file, which a
  // resident has no use for (the terminal is switched off in page_config.json).
  const STYLE = `
    .jp-NotebookPanel:not(.medsome-assignment) .validate-button { display: none; }
    .jp-Launcher-section:has(.jp-LauncherCard[data-category="Console"]) { display: none; }
    .jp-LauncherCard[title="Create a new Python File"] { display: none; }
  `;

  // On a phone the file browser would leave the notebook a column a few letters wide: there, show
  // one document at a time with the side panels closed, on arrival and whenever the screen narrows.
  const PHONE = window.matchMedia("(max-width: 600px)");
  function fitPhone(shell) {
    if (!PHONE.matches) return;
    shell.mode = "single-document";
    shell.collapseLeft();
    shell.collapseRight();
  }

  const plugin = {
    id: "@medsome/learner-ui:plugin",
    description: "Widget keys, slider names, live results, scrolling outputs by keyboard, Validate on " +
                 "assignments, a launcher for residents, a readable notebook on a phone.",
    autoStart: true,
    activate: app => {
      const style = document.createElement("style");
      style.textContent = STYLE;
      document.head.appendChild(style);
      document.body.addEventListener("keydown", keepKeysInWidgets);
      let pending = false;
      const annotate = () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          nameSliders(document.body);
          announceResults(document.body);
          focusScrollingOutputs(document.body);
        });
      };
      new MutationObserver(annotate).observe(document.body, { childList: true, subtree: true });
      window.addEventListener("resize", annotate);
      const markAll = () => { for (const widget of app.shell.widgets("main")) markAssignment(widget); };
      app.shell.currentChanged?.connect(markAll);
      app.restored.then(markAll);
      app.restored.then(() => fitPhone(app.shell));
      PHONE.addEventListener("change", () => fitPhone(app.shell));
    },
  };

  const JUPYTERLAB = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  JUPYTERLAB["@medsome/learner-ui"] = {
    init: () => Promise.resolve(),
    get: module => Promise.resolve(() => {
      if (module !== "./extension") throw new Error(`@medsome/learner-ui has no module ${module}`);
      return { __esModule: true, default: [plugin] };
    }),
  };
})();
