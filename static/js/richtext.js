// The rich-text editor of the legal pages' text (legal/admin.py, RichTextWidget).
//
// django-prose-editor's bundle (Tiptap/ProseMirror) with exactly what the
// sanitiser keeps (legal/models.py, ALLOWED_TAGS): paragraphs, h2 and h3,
// lists, links, bold, italic, line breaks, abbreviations and the language of
// a word. Started here instead of through the package's presets, because
// those need an inline import map and let Tiptap inject a <style> element,
// both of which the site's Content-Security-Policy forbids.

const ready = (textarea) => textarea.closest(".prose-editor") || textarea.dataset.richtextReady

async function start(textarea) {
  if (ready(textarea) || textarea.id.includes("__prefix__")) return
  textarea.dataset.richtextReady = "1"
  const labels = JSON.parse(textarea.dataset.richtextLabels)
  const pe = await import(textarea.dataset.richtextEditor)

  // updateAttrsDialog wants an editor to attach to; give it ours.
  const ask = (editor, title, properties, attrs) =>
    pe.updateAttrsDialog(properties, { title, submitText: labels.apply })(editor, attrs)

  const markItem = (menu, buttons, { name, mark, text, label, title, properties }) => {
    menu.defineItem({
      name,
      groups: "rdzMarks",
      button: buttons.text(text, text),
      active: (editor) => editor.isActive(mark),
      enabled: (editor) => !editor.state.selection.empty || editor.isActive(mark),
      command(editor) {
        if (editor.isActive(mark) && editor.state.selection.empty) {
          editor.chain().focus().extendMarkRange(mark).unsetMark(mark).run()
          return
        }
        ask(editor, title, properties, editor.getAttributes(mark)).then((attrs) => {
          const chain = editor.chain().focus().extendMarkRange(mark)
          if (!attrs) return
          const value = Object.values(attrs)[0].trim()
          ;(value ? chain.setMark(mark, attrs) : chain.unsetMark(mark)).run()
        })
      },
    })
  }

  // <abbr title="...">: an abbreviation and what it stands for.
  const Abbreviation = pe.Mark.create({
    name: "abbreviation",
    addAttributes: () => ({ title: { default: null } }),
    parseHTML: () => [{ tag: "abbr" }],
    renderHTML: ({ HTMLAttributes }) => ["abbr", HTMLAttributes, 0],
    addMenuItems({ menu, buttons }) {
      markItem(menu, buttons, {
        name: "abbreviation",
        mark: "abbreviation",
        text: labels.abbreviationButton,
        label: labels.abbreviation,
        title: labels.abbreviation,
        properties: { title: { type: "string", title: labels.abbreviationTitle } },
      })
    },
  })

  // <span lang="en">: a word in another language, for screen readers.
  const Language = pe.Mark.create({
    name: "language",
    addAttributes: () => ({ lang: { default: null } }),
    parseHTML: () => [{ tag: "span[lang]" }],
    renderHTML: ({ HTMLAttributes }) => ["span", HTMLAttributes, 0],
    addMenuItems({ menu, buttons }) {
      markItem(menu, buttons, {
        name: "language",
        mark: "language",
        text: labels.languageButton,
        label: labels.language,
        title: labels.language,
        properties: { lang: { type: "string", title: labels.languageCode } },
      })
    },
  })

  // Links with an address only (no title, no target), asked for in our dialog.
  const Link = pe.Link.extend({
    addAttributes() {
      return { href: this.parent?.().href }
    },
    addMenuItems({ menu, buttons }) {
      markItem(menu, buttons, {
        name: "link",
        mark: "link",
        text: labels.linkButton,
        label: labels.link,
        title: labels.link,
        properties: { href: { type: "string", title: labels.linkAddress } },
      })
    },
    addKeyboardShortcuts: () => ({}),
  }).configure({ protocols: ["http", "https", "mailto", "tel"], autolink: false })

  const wrapper = pe.crel("div", { className: "prose-editor" })
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new pe.Editor({
    element: wrapper,
    // Tiptap's own <style> element would break the Content-Security-Policy;
    // editor.css and static/css/richtext.css carry the rules instead.
    injectCSS: false,
    editable: !textarea.disabled,
    content: textarea.value,
    editorProps: {
      attributes: { "aria-label": labels.editor, "aria-multiline": "true", role: "textbox" },
    },
    extensions: [
      pe.Document,
      pe.Paragraph,
      pe.Text,
      pe.HardBreak,
      pe.Heading.configure({ levels: [2, 3] }),
      pe.BulletList,
      // No start number or numbering style: the sanitiser keeps neither.
      // A plain <ol>: no list types, so no data-type attribute that the
      // sanitiser would strip (the editor's output is what gets stored).
      pe.OrderedList.configure({ enableListAttributes: false, listTypes: [] }),
      pe.ListItem,
      pe.Bold,
      pe.Italic,
      Link,
      Abbreviation,
      Language,
      pe.History,
      pe.Dropcursor,
      pe.Gapcursor,
      pe.Menu.configure({
        groups: [
          { group: "blockType -lists" },
          { group: "lists" },
          { group: "marks" },
          { group: "rdzMarks" },
          { group: "history" },
        ],
      }),
    ],
    onUpdate({ editor }) {
      const html = editor.getHTML()
      textarea.value = html === "<p></p>" ? "" : html
    },
  })
  // The toolbar (built once the editor is created) names its buttons in
  // English and marks unusable ones with a class only: name them in the
  // admin's language, and tell assistive technology which are unusable.
  const sync = () => {
    for (const button of wrapper.querySelectorAll(".prose-menubar__button")) {
      const name = labels.buttons[button.dataset.name]
      if (name && button.getAttribute("aria-label") !== name) {
        button.setAttribute("aria-label", name)
        button.title = name
      }
      const disabled = String(button.classList.contains("disabled"))
      if (button.getAttribute("aria-disabled") !== disabled) {
        button.setAttribute("aria-disabled", disabled)
      }
    }
  }
  new MutationObserver(sync).observe(wrapper, {
    attributes: true,
    attributeFilter: ["class"],
    childList: true,
    subtree: true,
  })
  textarea.richTextEditor = editor
  textarea.dispatchEvent(new CustomEvent("richtext:ready", { bubbles: true }))
}

function startAll() {
  for (const textarea of document.querySelectorAll("textarea[data-richtext-editor]")) {
    start(textarea)
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startAll)
} else {
  startAll()
}
